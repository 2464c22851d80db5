"""`publish check` end to end on the seed article with a Russian catalog."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from publish.po.model import Catalog
from publish.po.reader import read_catalog
from publish.po.writer import write_catalog

from helpers import SEED_SLUG, run, seed_project

# A faithful Russian translation of the seed article, one string per entry (title first).
RUSSIAN = [
    "В беднейших регионах России матери и жёны борются за возвращение своих солдат домой",
    "«Моего брата отправили на учения 333», — рассказала жительница южносибирского региона Бурятия о своём родственнике, который служит в российской армии в Украине. «Он не подписывался на войну в другой стране. По сути, это был обман. Только накануне вторжения им сообщили, что они пересекут границу».",
    "Женщина, попросившая не называть её имени из-за опасения преследований за антивоенную деятельность, — одна из растущего числа матерей, сестёр и подруг российских солдат из бедных регионов, таких как Бурятия и Тыва, которые объединяются, чтобы добиться от чиновников возвращения своих близких домой.",
    "«Он позвонил мне из Беларуси [накануне вторжения России в Украину в феврале]», — продолжила женщина. «Он жаловался, что им „выкручивали руки“, но я видела, что он боится отказаться. Судя по всему, ему угрожали не только трибуналом, но и физической расправой».",
    "В закрытых группах в защищённом мессенджере Vyber женщины обмениваются информацией и юридическими советами о том, как их родственники, служащие в Украине, могут законно избежать дальнейшего участия в боевых действиях.",
    "Айлана, мать солдата из южносибирской Тывы (иногда пишут Тува), чьё имя изменено для этого материала, рассказывает, что её сын пережил похожее. Его часть в январе перебросили в Беларусь на учения, а 24 февраля отправили в Украину с приказом взять Киев за два дня.",
    "Снова поговорить с матерью он смог лишь в середине марта, когда его часть вывели из Украины на переформирование. В этом разговоре сын рассказал, как их обманули и как многие солдаты ищут способы избежать отправки обратно. Айлана проконсультировалась с юристами, но тем временем её сына снова отправили в Украину.",
    "Неделями Айлана ничего не слышала о сыне — по её словам, это был один из худших периодов в её жизни. Однако в июне она нашла юриста, который объяснил ей, как контрактник может официально отказаться от участия в боевых действиях.",
    "«Когда мой сын подал рапорт о том, что больше не хочет воевать, ему начали угрожать, — вспоминает Айлана. — Ему говорили, что его ждёт трибунал и восемь лет тюрьмы. Он позвонил мне и спросил: „Мама, что мне делать?“ Но я поговорила с юристами и сказала ему, что это просто блеф».",
    "Позже, по её словам, её сына и ещё 13 солдат, сделавших такой же шаг, пристыдили перед строем и назвали «предателями». Однако отчасти благодаря совету Айланы все 14 выдержали унижения и угрозы, и их отпустили. С тех пор они вернулись в Тыву.",
    "Правозащитная группа «Свободная Бурятия» 11 июля сообщила, что около 150 солдат из региона успешно отказались от дальнейшего участия в боевых действиях в Украине и 9 июля вернулись домой. Перед отправкой обратно солдат, по имеющимся данным, держали на закрытой военной базе и угрожали им уголовным преследованием. Глава «Свободной Бурятии» Александра Гармажапова поздравила солдат в посте в Facebook, написав, что они «спасли свои жизни и жизни других».",
    "В конце июня более десятка жён и матерей бурятских военных записали видеообращение к главе Бурятии Алексею Цыденову с просьбой вернуть их близких из Украины.",
    "«Они участвуют в „специальной операции“ с 24 февраля, — говорят женщины в видео. — Они морально и физически истощены».",
    "Активист из Тывы, попросивший называть его Василием, говорит, что знает как минимум о 20 солдатах из региона, которые отказались от дальнейшего участия в боях, но которых не отпускают домой. Он и его жена активно участвуют в группах в Vyber и Instagram, которые помогают солдатам расторгнуть военные контракты.",
    "«В последнее время женщины в этих группах обсуждают, как их мужчинам отказаться от участия в „специальной операции“, — рассказал Василий RFE/RL, используя термин, на котором настаивает Кремль, для обозначения войны в Украине. — Судя по всему, они начинают осознавать огромные потери на войне. Раньше... они просто обменивались информацией, когда кому-то звонили».",
    "Женщины из Тывы также начали собирать деньги на продукты и другое снабжение для своих военных, получив информацию о хронической нехватке, рассказал Василий. Он добавил, что слышал о случаях, когда местные жители собирали деньги, чтобы отправить своим близким в Украину рации и дроны.",
    "«Мы на связи с 55-й мотострелковой бригадой, — рассказал Василий. — Там 29 человек подали отказы от повторной отправки в Украину. Из армии их пока не уволили, но направили работать в похоронную команду. Но большинство из них вернулись в Тыву. Нам рассказали, что из примерно 100 человек, которых на прошлой неделе отправили обратно на фронт, 10 погибли и 20 ранены».",
    "С первых дней российского вторжения аналитики и активисты отмечают, что бедные нерусские регионы, такие как Тыва и Бурятия, а также северокавказские регионы, такие как Северная Осетия и Дагестан, несут непропорционально большие потери в пересчёте на душу населения. Хотя российские власти не публикуют полных данных о потерях, RFE/RL зафиксировала 159 погибших военных из Бурятии. В Тыве официально признана гибель более 100 человек.",
    "Согласно анализу американского политолога Адама Лентона, опубликованному в апреле, Северная Осетия, Бурятия, Тыва, Дагестан, Ингушетия и Чукотка входят в девятку российских регионов с наибольшим числом погибших военных на 100 000 населения.",
    "Молодые мужчины из таких регионов часто видят в военной службе по контракту единственный способ вырваться из бедности. Средний доход в Тыве — 10–15 тыс. рублей (170–260 долларов) в месяц.",
    "Точное число российских военных, погибших в Украине за более чем четыре месяца войны, остаётся неизвестным.",
    "Украинские власти утверждают, что погибли более 35 000 российских военных, а Министерство обороны России в последний раз высказывалось на эту тему в марте, сообщив о гибели 1351 своего военнослужащего.",
    "Айлана рассказала, что, когда её сына отправили домой, его место занял другой солдат, тоже из Тывы.",
    "«Он приехал без единого патрона для своей винтовки, — рассказала она RFE/RL. — Мой сын посмотрел на него в шоке и сказал: „Ты где, по-твоему, находишься? Это война“. А новенький только моргал и смотрел».",
    "Айлана рассказала, что её сын отдал новому солдату свою каску, бронежилет и все оставшиеся патроны.",
]

GLOSSARY = "RFE/RL: keep\nVyber: keep\nTyva:\n  ru: Тыв\nBuryatia:\n  ru: Бурят\n"
TITLE, FUZZY, U202E, SEE_159, EMPTY, SEE_35000 = 0, 6, 13, 17, 24, 21


def catalog_file(root: Path) -> Path:
    return root / "locale" / "ru" / "LC_MESSAGES" / f"{SEED_SLUG}.po"


def edit_catalog(root: Path, change: Callable[[Catalog], None]) -> Catalog:
    path = catalog_file(root)
    catalog = read_catalog(path.read_bytes(), str(path))
    change(catalog)
    path.write_text(write_catalog(catalog), encoding="utf-8")
    return read_catalog(path.read_bytes(), str(path))  # with the lines as written


def translated_seed(tmp_path: Path) -> Path:
    """The seed project with a complete, correct Russian catalog and a glossary."""
    root = seed_project(tmp_path, ["ru"])
    result = run(["init", "ru"], root)
    assert result.exit_code == 0, result.output

    def fill(catalog: Catalog) -> None:
        assert catalog.entries[0].msgid.startswith("In Russia's Poorest Regions")
        for entry, text in zip(catalog.entries, RUSSIAN, strict=True):
            entry.msgstr = text

    edit_catalog(root, fill)
    (root / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    return root


def plant_faults(catalog: Catalog) -> None:
    """The issue's scenario: 35,000 → 53 000, 159 → 195, a U+202E, a fuzzy and an empty entry."""
    entries = catalog.entries
    entries[SEE_35000].msgstr = entries[SEE_35000].msgstr.replace("35 000", "53 000")
    entries[SEE_159].msgstr = entries[SEE_159].msgstr.replace("159", "195")
    entries[U202E].msgstr = entries[U202E].msgstr.replace("Василием", "\u202eВасилием")
    entries[FUZZY].set_fuzzy(True)
    entries[EMPTY].msgstr = ""


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    return translated_seed(tmp_path)


def test_a_faithful_translation_is_clean(seed: Path) -> None:
    result = run(["check"], seed)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "checked 1 catalog: 0 errors, 0 warnings, 0 info" in result.stderr


def test_the_seed_faults_are_each_reported_at_their_line(seed: Path) -> None:
    catalog = edit_catalog(seed, plant_faults)
    line = {
        index: catalog.entries[index].line for index in (FUZZY, U202E, SEE_159, EMPTY, SEE_35000)
    }
    result = run(["check", "ru"], seed)
    assert result.exit_code == 1, result.output
    po = f"locale/ru/LC_MESSAGES/{SEED_SLUG}.po"
    assert result.stdout.splitlines() == [
        f"{po}:{line[FUZZY]}: info: fuzzy: marked fuzzy, so not published: review it, then "
        "remove the flag",
        f"{po}:{line[U202E]}: error: bidi-control: U+202E RIGHT-TO-LEFT OVERRIDE at character "
        "44: it reverses the text after it; remove it",
        f"{po}:{line[SEE_159]}: error: numbers: numbers differ from the source: missing 159; "
        "not in the source 195",
        f"{po}:{line[SEE_35000]}: error: numbers: numbers differ from the source: missing "
        "35,000; not in the source 53 000",
        f"{po}:{line[EMPTY]}: info: untranslated: not translated yet",
    ]
    # The lines are those of the msgid keyword in the file.
    lines = catalog_file(seed).read_text(encoding="utf-8").splitlines()
    assert all(lines[n - 1].startswith("msgid ") for n in line.values())


@pytest.mark.parametrize(
    "rendering", ["35 000", "35\u00a0000", "35\u202f000", "35.000", "35 тысяч", "35 тыс."]
)
def test_correct_renderings_of_35000_produce_no_finding(seed: Path, rendering: str) -> None:
    def render(catalog: Catalog) -> None:
        entry = catalog.entries[SEE_35000]
        entry.msgstr = entry.msgstr.replace("35 000", rendering)

    edit_catalog(seed, render)
    result = run(["check"], seed)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_json_output(seed: Path) -> None:
    catalog = edit_catalog(seed, plant_faults)
    result = run(["check", "--format", "json"], seed)
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert [(f["code"], f["severity"], f["line"]) for f in findings] == [
        ("fuzzy", "info", catalog.entries[FUZZY].line),
        ("bidi-control", "error", catalog.entries[U202E].line),
        ("numbers", "error", catalog.entries[SEE_159].line),
        ("numbers", "error", catalog.entries[SEE_35000].line),
        ("untranslated", "info", catalog.entries[EMPTY].line),
    ]
    assert all(
        set(f) == {"path", "line", "severity", "code", "message", "language"} for f in findings
    )
    assert {f["language"] for f in findings} == {"ru"}


def test_min_severity_hides_but_keeps_the_exit_code(seed: Path) -> None:
    edit_catalog(seed, plant_faults)
    result = run(["check", "--min-severity", "error"], seed)
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == ["error"] * 3


def test_the_comment_directive_silences_a_deliberate_difference(seed: Path) -> None:
    def deliberate(catalog: Catalog) -> None:
        entry = catalog.entries[SEE_159]
        entry.msgstr = entry.msgstr.replace("159", "160")
        entry.translator_comments.append("publish-ignore: numbers")

    edit_catalog(seed, deliberate)
    result = run(["check"], seed)
    assert result.exit_code == 0, result.output


def test_glossary_findings_are_warnings(seed: Path) -> None:
    def tuva(catalog: Catalog) -> None:
        entry = catalog.entries[22]
        entry.msgstr = entry.msgstr.replace("Тывы", "Тувы")

    catalog = edit_catalog(seed, tuva)
    result = run(["check"], seed)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"locale/ru/LC_MESSAGES/{SEED_SLUG}.po:{catalog.entries[22].line}: warning: glossary: "
        "'Tyva' should be rendered as 'Тыв' in ru (glossary.yaml:3)\n"
    )


def test_the_revision_quote_is_reported_once_as_a_source_problem(seed: Path) -> None:
    from helpers import SEED_REVISION

    result = run(["import", "--into", SEED_SLUG, str(SEED_REVISION)], seed)
    assert result.exit_code == 0, result.output
    assert run(["update"], seed).exit_code == 0

    def translate_new_paragraph(catalog: Catalog) -> None:
        for entry in catalog.entries:
            if entry.msgid.startswith("He arrived without any ammunition for his rifle. My son"):
                entry.msgstr = "Он приехал без патронов. Мой сын сказал: «Ты где находишься?"
                entry.set_fuzzy(False)

    edit_catalog(seed, translate_new_paragraph)
    (seed / "publish.yaml").write_text(
        (seed / "publish.yaml").read_text().replace("languages: [ru]", "languages: [ru, uk]")
    )
    assert run(["init", "uk"], seed).exit_code == 0
    result = run(["check"], seed)
    source_lines = [line for line in result.stdout.splitlines() if "source-quotes" in line]
    assert len(source_lines) == 1
    assert re.match(rf"source/{SEED_SLUG}\.md:\d+: warning: source-quotes: ", source_lines[0])
    assert ": quotes:" not in result.stdout
    assert result.exit_code == 0, result.output


def test_a_malformed_catalog_is_bad_input(seed: Path) -> None:
    path = catalog_file(seed)
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "y\n', encoding="utf-8")
    result = run(["check"], seed)
    assert result.exit_code == 2
    assert re.search(rf"locale/ru/LC_MESSAGES/{SEED_SLUG}\.po:\d+: error: ", result.stderr)


def test_a_malformed_glossary_is_bad_input(seed: Path) -> None:
    (seed / "glossary.yaml").write_text("Tyva:\n  russian: Тыва\n", encoding="utf-8")
    result = run(["check"], seed)
    assert result.exit_code == 2
    assert "glossary.yaml:1: error: term 'Tyva': 'russian' is not a language code" in result.stderr


def test_an_unconfigured_language_is_bad_input(seed: Path) -> None:
    result = run(["check", "de"], seed)
    assert result.exit_code == 2
    assert "language 'de' is not configured" in result.stderr


def test_a_missing_catalog_is_information(tmp_path: Path) -> None:
    root = seed_project(tmp_path, ["ru"])
    result = run(["check"], root)
    assert result.exit_code == 0, result.output
    assert f"locale/ru/LC_MESSAGES/{SEED_SLUG}.po: info: untranslated: no catalog yet" in (
        result.stdout
    )
