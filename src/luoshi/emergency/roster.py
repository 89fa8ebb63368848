"""The roster (应急力量编成) a launched response stands up, read from the plan.

Pure Python. For a plan and a response level: the headquarters (指挥部: 总指挥,
副总指挥, 办公室), the working groups (工作组) the plan stands up at that level with their lead and member units and
duties, the parties to notify at that level with the numbers the plan lists, and
the plan's contact tables. Every part keeps the plan's clause reference.
"""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.emergency.playbook import Contact, ContactTable, Playbook, WorkingGroup


@dataclass(frozen=True)
class Party:
    """A unit to call, with the phone and fax the plan lists (empty when it lists none)."""

    name: str
    phone: str = ""
    fax: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Group:
    name: str
    lead: tuple[Party, ...]
    members: tuple[Party, ...]
    duties: str
    ref: str


@dataclass(frozen=True)
class Roster:
    plan: str
    level: str
    headquarters: str
    commander: tuple[str, ...]
    deputies: tuple[str, ...]
    office: Party
    office_director: str
    hq_refs: tuple[str, ...]
    groups: tuple[Group, ...]
    notify: tuple[Party, ...]
    contacts: tuple[ContactTable, ...]

    def unit_names(self) -> frozenset[str]:
        """Every unit the roster names (office, group leads and members, parties to notify)."""
        names = {self.office.name, *(p.name for p in self.notify)}
        for group in self.groups:
            names.update(p.name for p in (*group.lead, *group.members))
        return frozenset(names)


def party(playbook: Playbook, name: str, ref: str = "") -> Party:
    """``name`` with its numbers from the plan's contact tables (exact name or alias)."""
    contact: Contact | None = playbook.contact(name)
    if contact is None:
        return Party(name, ref=ref)
    return Party(name, contact.phone, contact.fax, ref)


def notify_parties(playbook: Playbook, level: str) -> tuple[Party, ...]:
    """The parties the plan says to notify at ``level`` (各成员单位 expanded), once each."""
    if level not in playbook.levels:
        return ()
    out: list[Party] = []
    seen: set[str] = set()
    for entry in playbook.levels[level].notify:
        names = playbook.headquarters.members if entry.members else (entry.party,)
        for name in names:
            if name not in seen:
                seen.add(name)
                out.append(party(playbook, name, entry.ref))
    return tuple(out)


def groups_at(playbook: Playbook, level: str) -> tuple[WorkingGroup, ...]:
    """The working groups stood up at ``level``: those its clause names, else all of them."""
    stated = playbook.levels[level].groups if level in playbook.levels else None
    if stated is None or stated.names is None:
        return playbook.groups
    return tuple(g for g in playbook.groups if g.name in stated.names)


def roster(playbook: Playbook, level: str) -> Roster:
    """The roster the plan stands up for a response at ``level``."""
    hq = playbook.headquarters
    office_name = hq.office.split("(")[0] if playbook.contact(hq.office) is None else hq.office
    groups = tuple(
        Group(
            name=g.name,
            lead=tuple(party(playbook, u, g.ref) for u in g.lead),
            members=tuple(party(playbook, u, g.ref) for u in g.members),
            duties=g.text,
            ref=g.ref,
        )
        for g in groups_at(playbook, level)
    )
    return Roster(
        plan=playbook.id,
        level=level,
        headquarters=hq.name,
        commander=hq.commander,
        deputies=hq.deputies,
        office=party(playbook, office_name),
        office_director=hq.office_director,
        hq_refs=tuple(dict.fromkeys(q.ref for q in hq.refs)),
        groups=groups,
        notify=notify_parties(playbook, level),
        contacts=playbook.contacts,
    )
