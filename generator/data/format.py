"""The meeting format: one table per mapping of a meeting file, in the order docs/format.md gives them."""

from __future__ import annotations

from generator.data.fields import (
    BOOLEAN, DATE, EMAIL, STRING, TEXT, TIME, YEAR, Field, ListOf, Record, Table, choice, number,
)
from generator.data.model import (
    GENDERS, LANGUAGES, MODES, STATUSES, Action, AgendaItem, Delegation, Distribution, Issuer,
    MeetingInfo, Member, NextMeeting, Person, Plan, Recipient,
)
from generator.data import rules

TEXTS = ListOf(TEXT)

ISSUER = Table("issuer", "Issuer", "Who issues the documents: the heading's issuer block, number, place and date.", (
    Field("ministry", TEXT, "The issuing ministry, first line of the issuer block.",
          "{lo: ກະຊວງພາຍໃນ, en: Ministry of Home Affairs}", required=True),
    Field("department", TEXT, "The department under the ministry, second line of the issuer block.",
          "{lo: ກົມອາຊຽນ, en: ASEAN Department}"),
    Field("reference", STRING, "The document number, printed after ເລກທີ / No. (write the number only).",
          '"215/ກພນ"'),
    Field("place", TEXT, "Where the documents are issued, before the date.",
          "{lo: ນະຄອນຫຼວງວຽງຈັນ, en: Vientiane Capital}"),
    Field("date", DATE, "The date of issue.", "2020-11-20", default="the meeting's `end`, else its `start`"),
), Issuer)

PERSON = Table("person", "Person", "Someone with a part in the meeting.", (
    Field("name", TEXT, "The person's name.", "{lo: ທ່ານ ບຸນຈັນ ນິຍະວົງ, en: Mr Bounchan Niyavong}", required=True),
    Field("position", TEXT, "Their position, printed under the name.",
          "{lo: ຫົວໜ້າກົມ, en: Director General}"),
), Person, plural="people")

MEETING = Table("meeting", "Meeting", "The facts of the meeting itself.", (
    Field("title", TEXT, "The meeting's full title.",
          "{lo: ກອງປະຊຸມ ACCSM ຄັ້ງທີ 20, en: 20th ACCSM Meeting}", required=True),
    Field("number", number(1), "Which meeting of its series this is.", "20"),
    Field("series", TEXT, "The series the meeting belongs to.",
          "{lo: ຮ່ວມມືອາຊຽນກ່ຽວກັບວຽກງານລັດຖະກອນ, en: ACCSM}"),
    Field("start", DATE, "The first day.", "2020-11-17", required=True),
    Field("end", DATE, "The last day, for a meeting of several days.", "2020-11-18"),
    Field("mode", choice(*MODES), "How people met: `online`, `in-person` or `hybrid` (some in the room, "
                                  "some online).", "online", required=True),
    Field("host", TEXT, "Who hosted the meeting.", "{lo: ປະເທດໄທ, en: Thailand}"),
    Field("venue", TEXT, "Where it took place, for a meeting in person.",
          "{lo: ຫ້ອງປະຊຸມ ກະຊວງພາຍໃນ, en: Ministry of Home Affairs meeting room}"),
    Field("purpose", TEXTS, "What the meeting was for, one item per aim.",
          "[{lo: ປຶກສາຫາລືແຜນງານ, en: Discuss the work plan}]", required=True),
    Field("participants", TEXTS, "Who took part overall (beyond your own delegation).",
          "[{lo: ປະເທດສະມາຊິກອາຊຽນ, en: ASEAN Member States}]"),
    Field("start_time", TIME, "When the meeting opened (shown in the minutes).", '"08:30"'),
    Field("end_time", TIME, "When the meeting closed (shown in the minutes).", '"11:45"'),
    Field("chair", Record(PERSON), "Who chaired the meeting (minutes: signature block).",
          "{name: {lo: ທ່ານ ກ, en: Mr A}, position: {lo: ຮອງລັດຖະມົນຕີ, en: Vice Minister}}"),
    Field("recorder", Record(PERSON), "Who took the minutes (minutes: signature block).",
          "{name: {lo: ນາງ ຂ, en: Ms B}}"),
), MeetingInfo, rules=(rules.not_before("start", "end"), rules.TIMES_IN_ORDER))

MEMBER = Table("member", "Member", "One named member of your delegation.", (
    Field("name", TEXT, "The member's name.", "{lo: ທ່ານ ບຸນຈັນ ນິຍະວົງ, en: Mr Bounchan Niyavong}",
          required=True),
    Field("gender", choice(*GENDERS), "`female` or `male`: the women and men are counted from it. Needed for "
                                      "everyone when `total` and `women` are not given.", "female"),
    Field("position", TEXT, "Their position in their own organisation.",
          "{lo: ຫົວໜ້າກົມ, en: Director General}"),
    Field("role", TEXT, "Their role in the delegation or at the meeting.",
          "{lo: ຫົວໜ້າຄະນະຜູ້ແທນ, en: Head of delegation}"),
    Field("present", BOOLEAN, "`false` for a member who did not attend: the minutes list them as absent. "
                              "Absent members still count in the delegation's figures.", "false",
          default="`true`"),
    Field("absence", TEXT, "Why an absent member did not attend.",
          "{lo: ໄປລາຊະການຕ່າງປະເທດ, en: On mission abroad}"),
), Member, rules=(rules.ABSENCE_ONLY_WHEN_ABSENT,), plural="members")

DELEGATION = Table("delegation", "Delegation", "Your own delegation: its figures and the members you name.", (
    Field("total", number(1), "How many people the delegation had. Leave it out to count the members listed.",
          "14", default="the number of members listed"),
    Field("women", number(0), "How many of them were women. Leave it out to count the members with "
                              "`gender: female`.", "5", default="the members listed with `gender: female`"),
    Field("members", ListOf(Record(MEMBER)), "The members, everyone or only the named few.", None),
    Field("units", TEXTS, "The organisations the delegation came from.",
          "[{lo: ກົມຄຸ້ມຄອງລັດຖະກອນ, en: Department of Civil Service Management}]"),
), Delegation, rules=(rules.ATTENDANCE,), expects="a mapping with total and women, or members")

PLAN = Table("plan", "Plan", "A work plan adopted or discussed at the meeting.", (
    Field("title", TEXT, "The plan's title.", "{lo: ແຜນງານຮ່ວມມື, en: Work Plan}", required=True),
    Field("start", YEAR, "Its first year.", "2021", required=True),
    Field("end", YEAR, "Its last year (both years count: 2021 to 2025 is 5 years).", "2025", required=True),
    Field("activities", number(0), "How many activities it has.", "80"),
    Field("priority_areas", TEXTS, "Its priority areas, in the order of the source; shown as a Lao | English "
                                   "table in both editions, so give both languages.",
          "[{lo: ປົກຄອງທີ່ດີ, en: Good governance}]", required=True),
    Field("proposals", TEXTS, "What your delegation proposed for it (same table as the priority areas).",
          "[{lo: ກອງປະຊຸມສຳມະນາ, en: Workshop}]"),
), Plan, rules=(rules.not_before("start", "end"),), plural="plans")

NEXT_MEETING = Table("next_meeting", "Next meeting", "What was said about the next meeting of the series.", (
    Field("number", number(1), "Its number in the series.", "21"),
    Field("host", TEXT, "Who will host it.", "{lo: ສ ສ ຫວຽດນາມ, en: Viet Nam}"),
    Field("period", TEXT, "When it will be held, in words (quote figures so they stay a text).",
          '"2021–2022"'),
    Field("notes", TEXTS, "Anything else said about it.",
          "[{lo: ສ ສ ຫວຽດນາມ ຈະເປັນເຈົ້າພາບ, en: Viet Nam will host it}]"),
), NextMeeting)

AGENDA_ITEM = Table("agenda_item", "Agenda item", "One item of the agenda (the minutes number them from 1).", (
    Field("title", TEXT, "The item's title.", "{lo: ບົດລາຍງານ 2016–2020, en: 2016–2020 report}", required=True),
    Field("presenter", TEXT, "Who introduced the item.", "{lo: ປະເທດໄທ, en: Thailand}"),
    Field("summary", TEXTS, "What was reported and discussed.",
          "[{lo: ປະເທດໄທລາຍງານຜົນການປະຕິບັດ, en: Thailand reported on the implementation}]"),
    Field("decisions", TEXTS, "What the meeting decided or adopted.", "[{lo: ຮັບຮອງເອົາ, en: Adopted}]"),
), AgendaItem, plural="agenda items")

ACTION = Table("action", "Action", "A follow-up action agreed at the meeting (minutes).", (
    Field("task", TEXT, "What is to be done.", "{lo: ສົ່ງບົດລາຍງານ, en: Send the report}", required=True),
    Field("owner", TEXT, "Who does it.", "{lo: ກົມອາຊຽນ, en: ASEAN Department}", required=True),
    Field("due", DATE, "By when. An open action due before the date of issue is marked overdue.",
          "2021-01-31"),
    Field("status", choice(*STATUSES), "`open`, `done` or `cancelled`.", "done", default="`open`"),
    Field("item", number(1), "The number of the agenda item it comes from (the first item is 1).", "2"),
), Action, plural="actions")

RECIPIENT = Table("recipient", "Recipient", "One address of the e-mail draft.", (
    Field("name", TEXT, "The person's name as the e-mail shows it.", "{lo: ທ່ານ ກ, en: Mr A}"),
    Field("email", EMAIL, "The e-mail address only.", "a.person@example.gov.la", required=True),
), Recipient, plural="recipients")

DISTRIBUTION = Table("distribution", "Distribution", "Who the e-mail draft (`make mail`) goes to.", (
    Field("to", ListOf(Record(RECIPIENT)), "The recipients.", None),
    Field("cc", ListOf(Record(RECIPIENT)), "Those who receive a copy.", None),
), Distribution, rules=(rules.ADDRESSES_ONCE,))

MEETING_FILE = Table("top_level", "Top level", "The keys at the top of the file, not indented.", (
    Field("language", choice(*LANGUAGES), "The main language of the documents: `lo` (Lao) or `en` (English). "
                                          "A text given as a plain string is in this language.", "lo",
          default="`lo`"),
    Field("editions", ListOf(choice(*LANGUAGES), unique=True, min_items=1,
                             called="a list of one or more editions: lo, en"),
          "The editions `make briefing` and `make minutes` build, each language once.", "[lo, en]",
          default="`[language]`"),
    Field("issuer", Record(ISSUER), "Who issues the documents.", None, required=True),
    Field("meeting", Record(MEETING), "The meeting itself.", None, required=True),
    Field("delegation", Record(DELEGATION), "Your own delegation.", None, required=True),
    Field("outcomes", TEXTS, "Documents adopted and decisions taken.",
          "[{lo: ຮັບຮອງເອົາແຜນງານ 2021–2025, en: The 2021–2025 work plan was adopted}]"),
    Field("plans", ListOf(Record(PLAN)), "Work plans adopted or discussed.", None),
    Field("next_meeting", Record(NEXT_MEETING), "The next meeting of the series.", None),
    Field("agenda", ListOf(Record(AGENDA_ITEM)), "The agenda items, in order; needed for minutes.", None),
    Field("actions", ListOf(Record(ACTION)), "Follow-up actions (minutes).", None),
    Field("distribution", Record(DISTRIBUTION), "Who the e-mail draft goes to.", None),
), dict, rules=(rules.NEXT_NUMBER_AFTER, rules.ACTION_ITEMS_EXIST))

# Every table, in the order the key reference gives them.
TABLES = (MEETING_FILE, ISSUER, MEETING, PERSON, DELEGATION, MEMBER, PLAN, NEXT_MEETING, AGENDA_ITEM, ACTION,
          DISTRIBUTION, RECIPIENT)
