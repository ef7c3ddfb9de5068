"""Element 1: a convening agency or intermediary that stakeholders trust."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ctepartner.assess.registry import Hit, rule
from ctepartner.load.partnership import Partnership


@rule("CP101", "error", "Name the convening agency: `ctepartner set "
      "partnership.convener.organization \"NAME\"`.")
def cp101(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No convener: nobody is named to spearhead the partnership.

    Why: "A strong state Career and Technical Education improvement process begins with the
    identification of which leader(s) and what entity will spearhead the partnership
    initiatives." (ExcelinEd playbook, element 1)

    Fix: name the convening agency or intermediary in partnership.yaml.

    Example:

        convener:
          organization: Rutherford County Chamber of Commerce
          kind: chamber_of_commerce
    """
    about = p.about
    if about is None or about.convener is None or not about.convener.organization:
        yield Hit(p.spot(about, "convener") if about else p.top(),
                  "no convener: name the organization that brings the stakeholders together")


@rule("CP102", "error", "Name the person leading the work: `ctepartner set "
      "partnership.convener.lead.name \"NAME\"` (and `...lead.title`).")
def cp102(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """The convener names no lead person.

    Why: "the convening agency must be staffed with leaders who can bring together
    stakeholders, make substantive changes to rules and the state's CTE plan, and provide
    the long-term stability for sustained action." Stakeholders need to know who leads.

    Fix: add the lead under `convener:`.

    Example:

        convener:
          lead: {name: Executive director, title: Senior Vice President, email: lead@example.org}
    """
    about = p.about
    convener = about.convener if about else None
    if convener is not None and (convener.lead is None or not convener.lead.name):
        name = convener.organization or "the convener"
        yield Hit(p.spot(convener, "lead"), f"{name} names no lead person for the partnership")


@rule("CP103", "warning", "Say which relationships and credibility the convener brings: "
      "`ctepartner set partnership.convener.relationships \"...\"`.")
def cp103(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """Nothing says why the convener is trusted.

    Why: "You have to deploy individuals and organizations who already have relationships in
    the community and are trusted. Going into a community as an unknown ... is a recipe for
    disaster." Credibility and trust are what bind stakeholders to the convener at first.

    Fix: describe the convener's existing relationships and credibility.

    Example:

        convener:
          relationships: >
            Chamber members already employ most of the county's workforce.
    """
    about = p.about
    convener = about.convener if about else None
    if convener is not None and convener.organization and not convener.relationships:
        yield Hit(p.spot(convener), f"nothing says why {convener.organization} is trusted "
                  "by the stakeholders it convenes")
