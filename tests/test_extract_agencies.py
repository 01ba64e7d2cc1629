"""extract/agencies.py: canonical English agency names built from their parts in four languages."""

from __future__ import annotations

import pytest

from pipeline.extract.agencies import extract_agencies
from pipeline.extract.sentences import pipeline, split_sentences


def agencies(lang: str, text: str) -> list[str]:
    sentences = split_sentences(pipeline(lang)(text))
    return [a.name for a in extract_agencies(text, sentences, lang)]


CASES = [
    # the same body in four languages
    ("en", "The Provincial Police reported.", ["Provincial Police"]),
    ("de", "Die Provinzpolizei berichtete.", ["Provincial Police"]),
    ("ru", "Провинциальная полиция доложила.", ["Provincial Police"]),
    ("vi", "Công an tỉnh báo cáo.", ["Provincial Police"]),
    ("ru", "Директор Департамента полиции провинции выступил.", ["Provincial Police"]),
    # levels compose with bodies
    ("de", "Das Bezirksvolkskomitee und das Stadtvolkskomitee tagten.", ["District People's Committee", "City People's Committee"]),
    ("ru", "Народный комитет провинции и Канцелярия народного комитета провинции.",
     ["Provincial People's Committee", "Provincial People's Committee Office"]),
    ("vi", "UBND tỉnh giao Văn phòng UBND tỉnh theo dõi.", ["Provincial People's Committee", "Provincial People's Committee Office"]),
    ("en", "The Hanoi People's Committee met.", ["City People's Committee"]),
    ("vi", "Tỉnh ủy và Thành ủy chỉ đạo.", ["Provincial Party Committee", "City Party Committee"]),
    # frames with domains, including domains written as compounds and ones no list has
    ("en", "The Department of Information and Communications coordinates.", ["Department of Information and Communications"]),
    ("de", "Das Informations- und Kommunikationsministerium und das Innenministerium.",
     ["Ministry of Information and Communications", "Ministry of Home Affairs"]),
    ("ru", "Департамент юстиции и Министерство общественной безопасности.", ["Department of Justice", "Ministry of Public Security"]),
    ("vi", "Sở Tư pháp phối hợp với Bộ Y tế.", ["Department of Justice", "Ministry of Health"]),
    # German translations write "Ministerium" for a provincial department: read it so where a
    # provincial body acts in the sentence, unless provinces have no such department
    ("de", "Die Provinzpolizei stimmte sich mit dem Innenministerium ab.", ["Provincial Police", "Department of Home Affairs"]),
    ("de", "Das Provinzvolkskomitee forderte das Ministerium für Information und Kommunikation auf.",
     ["Provincial People's Committee", "Department of Information and Communications"]),
    ("de", "Die Provinzpolizei meldete dem Ministerium für öffentliche Sicherheit.", ["Provincial Police", "Ministry of Public Security"]),
    ("de", "Melden Sie Probleme dem Ministerium für Wissenschaft und Technologie.", ["Ministry of Science and Technology"]),
    ("en", "The Department of Tourism and Heritage will report.", ["Department of Tourism and Heritage"]),
    # one frame, several domains
    ("en", "The Departments of Justice, Finance and Transport report monthly.", ["Department of Justice", "Department of Finance", "Department of Transport"]),
    ("ru", "Департаменты и отделения: планирования и инвестиций, юстиции, транспорта продолжают работу.",
     ["Department of Planning and Investment", "Department of Justice", "Department of Transport"]),
    ("vi", "Các Sở Tư pháp, Tài chính và Y tế báo cáo.", ["Department of Justice", "Department of Finance", "Department of Health"]),
    # working groups and steering committees
    ("vi", "Theo chỉ đạo của Tổ công tác triển khai Đề án 06 của Chính phủ.", ["Government's Project 06 Working Group"]),
    # a province's working group has one name whether or not the text names its project
    ("vi", "Theo báo cáo của Tổ công tác Đề án 06 tỉnh.", ["Provincial Working Group"]),
    ("en", "According to the Provincial Working Group.", ["Provincial Working Group"]),
    ("de", "Die Provinzarbeitsgruppe berichtete.", ["Provincial Working Group"]),
    ("ru", "Центрального руководящего комитета.", ["Central Steering Committee"]),
    # companies
    ("en", "VNPT and Viettel provide the lines.", ["VNPT", "Viettel"]),
]


@pytest.mark.parametrize("lang, text, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_agencies(lang: str, text: str, expected: list[str]) -> None:
    assert agencies(lang, text) == expected


def test_a_bare_body_takes_the_name_given_before_it() -> None:
    text = "The Provincial Working Group issued a plan. The Working Group reported results."
    assert agencies("en", text) == ["Provincial Working Group", "Provincial Working Group"]


def test_a_bare_body_with_nothing_named_before_takes_the_one_named_after() -> None:
    text = "According to the Steering Committee, the Central Steering Committee set 102 tasks."
    assert agencies("en", text) == ["Central Steering Committee", "Central Steering Committee"]


def test_a_bare_body_in_a_provincial_report_is_the_provinces() -> None:
    text = "The Provincial People's Committee met. According to the Steering Committee, 40 tasks are done."
    assert agencies("en", text) == ["Provincial People's Committee", "Provincial Steering Committee"]


def test_a_bare_body_alone_stays_bare() -> None:
    assert agencies("en", "The Steering Committee approved the plan.") == ["Steering Committee"]


# a steering committee named by its purpose or number is a specific one: it takes the level it is
# given, or the document's own, and a later bare mention is that one
SPECIFIC = [
    ("en", "The Steering Committee for Digital Transformation of the province met. Mayors of the city attended. "
           "The Steering Committee approved it.", ["Provincial Steering Committee", "Provincial Steering Committee"]),
    ("en", "The Provincial Party Committee attended. The Steering Committee 45 issued a plan.",
     ["Provincial Party Committee", "Provincial Steering Committee"]),
    ("de", "Der Lenkungsausschuss für digitale Transformation der Provinz tagte. Der Lenkungsausschuss berichtete.",
     ["Provincial Steering Committee", "Provincial Steering Committee"]),
    ("ru", "Руководящий комитет по цифровой трансформации провинции провёл заседание. Руководящий комитет утвердил план.",
     ["Provincial Steering Committee", "Provincial Steering Committee"]),
    ("vi", "Ban Chỉ đạo về chuyển đổi số tỉnh họp. Ban Chỉ đạo thông qua kế hoạch.",
     ["Provincial Steering Committee", "Provincial Steering Committee"]),
    ("vi", "Ban Chỉ đạo cấp tỉnh họp.", ["Provincial Steering Committee"]),
    ("en", "The Central Steering Committee for Science and Technology met.", ["Central Steering Committee"]),
]


@pytest.mark.parametrize("lang, text, expected", SPECIFIC, ids=[f"{c[0]}-{i}" for i, c in enumerate(SPECIFIC)])
def test_specific_steering_committees(lang: str, text: str, expected: list[str]) -> None:
    assert agencies(lang, text) == expected


@pytest.mark.parametrize("lang, text", [
    ("vi", "Kế hoạch số 344/KH-UBND ngày 5/3 của Sở Tư pháp."),
    ("en", "Notice 03-TB/BCĐ of the Department of Justice."),
])
def test_the_issuer_code_of_a_document_number_is_no_agency(lang: str, text: str) -> None:
    assert agencies(lang, text) == ["Department of Justice"]


@pytest.mark.parametrize("lang, text, name, role", [
    ("en", "The Department of Home Affairs shall coordinate with the Provincial Police.", "Provincial Police", "coordinate"),
    ("vi", "Sở Nội vụ phối hợp với Công an tỉnh.", "Provincial Police", "coordinate"),
    ("de", "Das Innenministerium soll sich mit der Provinzpolizei abstimmen.", "Provincial Police", "coordinate"),
    ("vi", "Sở Tư pháp chủ trì thực hiện.", "Department of Justice", "lead"),
    ("en", "The Provincial Public Security shall preside over the review.", "Provincial Police", "lead"),
    ("ru", "Департамент юстиции совместно с провинциальной полицией проверит данные.", "Provincial Police", "coordinate"),
])
def test_roles(lang: str, text: str, name: str, role: str) -> None:
    sentences = split_sentences(pipeline(lang)(text))
    found = {a.name: a.role for a in extract_agencies(text, sentences, lang)}
    assert found[name] == role


def test_persons_places_and_generic_groups_are_not_agencies() -> None:
    text = "Comrade Le Hong Vinh asked departments, branches and localities in Nghe An to act."
    assert agencies("en", text) == []
