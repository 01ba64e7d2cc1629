"""Generated quarterly reports of the 63 provinces in English, German, Russian and Vietnamese, for scale benchmarks.

Each report states the progress of a few targets (pilot models, public services, digitised records,
tasks), who leads them and by when; values rise from quarter to quarter, deadlines slip now and then,
and the agencies, units and wording vary, so that records, series and queries differ from report to
report. The sentences are written for this benchmark.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

MONTHS = {"en": ["March", "June", "September", "December"], "de": ["März", "Juni", "September", "Dezember"],
          "ru": ["марта", "июня", "сентября", "декабря"], "vi": ["3", "6", "9", "12"]}

OPENING = {
    "en": "On {day} {month} {year}, the {place} Provincial People's Committee held a meeting on digital transformation.",
    "de": "Am {day}. {month} {year} beriet das Provinzvolkskomitee von {place} über die digitale Verwaltung.",
    "ru": "{day} {month} {year} года народный комитет провинции {place} провёл совещание по цифровой трансформации.",
    "vi": "Ngày {day}/{month}/{year}, Ủy ban nhân dân tỉnh {place} tổ chức hội nghị về chuyển đổi số.",
}

# (unit key, sentence) per language: a count with its total and status
PROGRESS = {
    "en": ["So far {done} of {total} pilot models have been completed.",
           "The province has connected {done} of {total} public services to the national portal.",
           "{done} of {total} tasks have been completed.",
           "{done} of {total} civil status records have been digitised."],
    "de": ["Bisher wurden {done} von {total} Pilotmodellen abgeschlossen.",
           "Die Provinz hat {done} von {total} öffentlichen Diensten an das nationale Portal angeschlossen.",
           "{done} von {total} Aufgaben wurden abgeschlossen.",
           "{done} von {total} Personenstandsakten wurden digitalisiert."],
    "ru": ["На сегодняшний день завершено {done} из {total} пилотных моделей.",
           "Провинция подключила {done} из {total} государственных услуг к национальному порталу.",
           "Выполнено {done} из {total} задач.",
           "Оцифровано {done} из {total} записей актов гражданского состояния."],
    "vi": ["Đến nay đã hoàn thành {done}/{total} mô hình thí điểm.",
           "Tỉnh đã kết nối {done}/{total} dịch vụ công với Cổng dịch vụ công quốc gia.",
           "Đã hoàn thành {done}/{total} nhiệm vụ.",
           "Đã số hóa {done}/{total} hồ sơ hộ tịch."],
}

AGENCIES = {
    "en": ["The Provincial Police", "The Department of Home Affairs", "The Department of Justice",
           "The Department of Information and Communications"],
    "de": ["Die Provinzpolizei", "Das Innenministerium", "Das Justizamt", "Das Amt für Information und Kommunikation"],
    "ru": ["Полиция провинции", "Департамент внутренних дел", "Департамент юстиции", "Департамент информации и связи"],
    "vi": ["Công an tỉnh", "Sở Nội vụ", "Sở Tư pháp", "Sở Thông tin và Truyền thông"],
}

TASK = {
    "en": "{agency} must complete the population data center by {due}.",
    "de": "{agency} muss das Bevölkerungsdatenzentrum bis zum {due} fertigstellen.",
    "ru": "{agency} должна завершить центр данных о населении до {due}.",
    "vi": "{agency} phải hoàn thành trung tâm dữ liệu dân cư trước ngày {due}.",
}


def due_text(lang: str, day: int, month: int, year: int) -> str:
    """Write a deadline as the language writes it."""
    if lang == "en":
        return f"{['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month]} {day}, {year}"
    if lang == "de":
        return f"{day}. {['', 'Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'][month]} {year}"
    if lang == "ru":
        return f"{day} {['', 'января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'][month]} {year} года"
    return f"{day}/{month}/{year}"


def provinces() -> list[str]:
    """Return the 63 provinces of the place gazetteer."""
    from pipeline.extract.resources import places

    return sorted(p for p, e in places()["places"].items() if e["kind"] == "province")


def report_text(lang: str, place: str, year: int, quarter: int, state: dict, rng: random.Random) -> str:
    """Write one quarterly report of a province in a language from its targets' state."""
    lines = [OPENING[lang].format(day=20 + quarter, month=MONTHS[lang][quarter], year=year, place=place)]
    for unit in rng.sample(range(4), rng.randint(2, 4)):
        lines.append(PROGRESS[lang][unit].format(done=state["done"][unit], total=state["total"][unit]))
    for agency in rng.sample(range(4), rng.randint(1, 2)):
        due = due_text(lang, rng.choice([15, 28, 30]), rng.choice([3, 6, 9, 12]), state["due_year"] + agency % 2)
        lines.append(TASK[lang].format(agency=AGENCIES[lang][agency], due=due))
    return "\n".join(lines) + "\n"


def reports(n: int, seed: int = 7) -> Iterator[tuple[str, str, str]]:
    """Yield n (name, language, text) reports: each province each quarter, one in five also translated."""
    rng = random.Random(seed)
    places = provinces()
    home = {p: ("en", "de", "ru", "vi")[i % 4] for i, p in enumerate(places)}
    state = {p: {"total": [rng.randint(20, 60), 25, rng.randint(40, 120), 1000 + 100 * rng.randint(1, 30)],
                 "done": [0, 0, 0, 0], "due_year": 2025} for p in places}
    made, quarter = 0, 0
    while made < n:
        year, q = 2023 + quarter // 4, quarter % 4
        for place in places:
            s = state[place]
            s["done"] = [min(t, d + rng.randint(1, max(2, t // 8))) for t, d in zip(s["total"], s["done"])]
            if rng.random() < 0.1:
                s["due_year"] += 1  # the data center slips
            slug = f"{place.lower().replace(' ', '-')}-{year}-q{q + 1}"
            langs = [home[place]] + (["en" if home[place] != "en" else "vi"] if rng.random() < 0.2 else [])
            for lang in langs:
                if made >= n:
                    return
                yield f"{slug}.{lang}", lang, report_text(lang, place, year, q, s, random.Random(f"{slug}{seed}"))
                made += 1
        quarter += 1
