"""The session-export format as data: which columns exist, their kind, and what they mean.

docs/data-format.md describes the same table for people; tests/loaders/test_docs.py keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id, text, string, category, integer, list, timestamp, boolean, region, country, language
    required: bool
    meaning: str
    minimum: int | None = None


CONTRIBUTIONS: tuple[Column, ...] = (
    Column("contribution_id", "id", True, "unique within its session"),
    Column("text", "text", True, "the note as written; never empty"),
    Column("session", "category", False, "which session or event (default: the export's folder or file name)"),
    Column("question", "category", False, "the question it answers (id or text)"),
    Column("round", "integer", False, "the café round, 1, 2, 3 …", minimum=1),
    Column("table", "category", False, "the table it was written at"),
    Column("participant_id", "string", False, "links to participants; empty for an anonymous note"),
    Column("language", "language", False, "language of the text (BCP 47, e.g. en, sv, pt-BR)"),
    Column("themes", "list", False, "theme codes given by facilitators"),
    Column("direction", "list", False, "ids of strategic-direction commitments the note addresses"),
    Column("votes", "integer", False, "dot votes", minimum=0),
    Column("submitted_at", "timestamp", False, "when it was recorded"),
    Column("region", "region", False, "inline participant attribute, for flat exports"),
    Column("country", "country", False, "inline participant attribute, for flat exports"),
    Column("community", "category", False, "inline participant attribute, for flat exports"),
    Column("community_type", "category", False, "inline participant attribute, for flat exports"),
)

PARTICIPANTS: tuple[Column, ...] = (
    Column("participant_id", "id", True, "pseudonymous, unique within its session"),
    Column(
        "region",
        "region",
        True,
        "one of the eight regions (ids or names, any case); may be left empty when country is known",
    ),
    Column("session", "category", False, "which session or event"),
    Column("country", "country", False, "ISO 3166-1 alpha-2"),
    Column("community", "category", False, "e.g. a language Wikipedia, an affiliate, a user group"),
    Column("community_type", "category", False, "online community, affiliate, Wikimedia Foundation, partner, other"),
    Column("languages", "list", False, "languages spoken"),
    Column("gender", "category", False, "self-described; sensitive"),
    Column("age_band", "category", False, "sensitive"),
    Column("newcomer", "boolean", False, "first strategy event"),
)

#: The optional seating: who sat at which table in which round, as host or traveller (loaders/seating.py).
SEATING: tuple[Column, ...] = (
    Column("participant_id", "id", True, "links to participants; never shown"),
    Column("round", "integer", True, "the café round, 1, 2, 3 …", minimum=1),
    Column("table", "category", True, "the table they sat at, read as the notes' table is"),
    Column("session", "category", False, "which session or event (as for notes)"),
    Column("role", "category", False, "host or traveller, in any case; empty when not recorded"),
)

#: Attributes a note inherits from its author (from participants, or inline in a flat export).
PERSON_ATTRIBUTES = ("region", "country", "community", "community_type")

#: Every problem code the loaders can report; docs/data-format.md explains each.
PROBLEM_CODES: dict[str, str] = {
    "not_an_export": "the path is not a file or folder, or the folder holds no contributions",
    "unreadable_file": "a file is not Parquet, is truncated, damaged or empty",
    "missing_column": "a required column is missing",
    "wrong_column_type": "a column holds values of a kind that cannot be used",
    "schema_change": "part files of one table disagree: a column missing from some, or of another type",
    "missing_value": "a required value is empty",
    "empty_text": "a note has no text",
    "not_a_whole_number": "a round or vote count is not a whole number",
    "out_of_range": "a round below 1, negative votes, or a number too large",
    "bad_timestamp": "submitted_at cannot be read as a date and time",
    "unknown_region": "a region that is not one of the eight",
    "region_country_mismatch": "the region and the country's region disagree",
    "unknown_country": "a country that is not an ISO 3166-1 code or name",
    "unknown_language": "a language tag that is not BCP 47",
    "duplicate_id": "the same id twice in one session",
    "not_a_boolean": "newcomer is not yes/no",
    "no_contributions": "the export has no notes yet",
    "unknown_participant": "a note names a participant who is not in the participants file",
    "not_a_person": "without a participants file, an author label names a table or a session, not a person",
    "held_part": "a live session's part file vanished or turned unreadable: its notes are held from the last good read",
    "part_shrank": "a live session's part file was written again with fewer notes",
    "export_unusable": "a live session's export cannot be read any more: the last good read is shown",
    "shared_participants": "a participants file without sessions lists people who wrote in no session",
    "not_in_codebook": "a question or code on the notes that the codebook does not name",
    "two_tables": "the seating puts one person at two tables in one round",
    "round_not_seated": "a round has notes but no one is seated in it",
    "host_moved": "a host sits at another table in a later round",
    "seat_mismatch": "a note's table is not the table its author sat at in that round",
    "unknown_role": "a seating role that is neither host nor traveller",
}
