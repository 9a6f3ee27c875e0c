"""The written policy in English."""

from __future__ import annotations

from .texts import Texts

TEXTS = Texts(
    lang="en",
    the_company="the company",
    title="Social-media policy of {company}",
    intro=(
        "This policy says what you may publish about {company}, its people, its customers and its "
        "products, on company accounts and on your own: social networks, blogs, forums and anywhere "
        "else people can read it. It follows the ten usual steps of a social-media policy, and its "
        "rules (section 7) are the rules every post is checked against before it is published, with "
        "the reason for each and examples."
    ),
    public_note=(
        "*Public edition. Names that are themselves confidential (unreleased products, customers "
        "whose relationship with us is not public, internal systems) are described here, not named; "
        "the staff edition names them.*"
    ),
    internal_note=(
        "*Staff edition. It names confidential products, customers and systems: do not publish it or "
        "share it outside {company}.*"
    ),
    contents="Contents",
    sections={
        "position": "Our position on social media",
        "platforms": "What counts as social media",
        "ownership": "Accounts and content on company devices",
        "privacy": "Privacy and confidential information",
        "spokespeople": "Who speaks for {company}",
        "ground_rules": "Ground rules",
        "topics": "What stays off social media",
        "monitoring": "Monitoring and enforcement",
        "training": "Training",
        "exceptions": "Exceptions and questions",
    },
    defaults={
        "position": (
            "{company} encourages you to talk about your work: what we build, what you learn, the "
            "events you go to. Social media is a good place for it, as long as what you publish is "
            "true, respectful and yours to share. This policy says what that means in practice. It "
            "applies to everyone who works for or with {company}: on company accounts always, and on "
            "personal accounts whenever a post touches on {company}, its people, its customers or its "
            "products."
        ),
        "platforms": (
            "Social media is any place where you publish for others to read: social networks "
            "(LinkedIn, X, Facebook, Instagram, Mastodon, Bluesky, TikTok), video and podcasts, blogs "
            "(the company blog and your own), forums, question-and-answer sites and chat communities, "
            "review and job sites, and comments anywhere. A private group or a message to a few people "
            "counts too: screenshots travel."
        ),
        "ownership": (
            "Company accounts (the company's pages, handles and blog) belong to {company}. They are run "
            "by the people the communications team names, and their passwords stay in the company's "
            "password manager, never in a personal one. Content you create for {company}, on company "
            "devices or on company time belongs to {company}. Company devices and networks are company "
            "property: do not expect privacy on them. Your personal accounts are yours: keep them "
            "apart from company accounts, and do not speak for the company from them."
        ),
        "monitoring": (
            "{company} follows what is published about it, on its own accounts and in public, as any "
            "company looks after its reputation. Posts for company accounts and the company blog are "
            "checked automatically before they are published, and published archives are checked "
            "again when the rules change. Nobody reads your private messages or asks for your "
            "passwords."
        ),
        "training": (
            "Everyone who posts for {company}, or about it, reads this policy when they join and "
            "again whenever it changes. The checks are part of the training: every finding names the "
            "rule it breaks, says why the rule exists, and suggests what to write instead."
        ),
        "contact": (
            "Questions about this policy go to the communications team. When you are not sure whether "
            "something may be published, ask before you post, not after."
        ),
        "exceptions": (
            "An exception is reviewed like any other change: whoever approves the post reads the "
            "reason, and the communications team decides when in doubt. An exception covers one post; "
            "if you need the same one again and again, ask for the rule to change instead."
        ),
    },
    privacy_intro=(
        "Respect the privacy of your coworkers and of our customers, and keep what {company} has not "
        "made public to yourself. What that covers here:"
    ),
    codenames_public=(
        "**Unreleased products and projects.** Their names stay confidential until they are "
        "announced, in any spelling: as a hashtag, with spaces or hyphens between the letters, or "
        "with look-alike characters. The staff edition of this policy lists them."
    ),
    codenames_internal=(
        "**Unreleased products and projects.** These names stay confidential until the date given, in "
        "any spelling: as a hashtag, with spaces or hyphens between the letters, or with look-alike "
        "characters:"
    ),
    codenames_none=(
        "**Unreleased products and projects.** Whatever has not been announced stays confidential "
        "until it is, and so do its internal names."
    ),
    codename_until="{name}{aliases}: confidential until {date}",
    codename_unannounced="{name}{aliases}: confidential until it is announced",
    codename_launched="{name}{aliases}: announced on {date}, fine to name",
    also_written=" (also written {names})",
    customers_public=(
        "**Customers.** Do not name a customer unless the relationship is public: many contracts "
        'forbid it. Describe them instead ("a large logistics customer").'
    ),
    customers_internal=(
        "**Customers.** Do not name a customer unless the relationship is public: many contracts "
        "forbid it. These relationships are confidential:"
    ),
    customers_none=(
        "**Customers.** Do not name a customer unless the relationship is public: many contracts "
        "forbid it. Ask the account team when in doubt."
    ),
    public_references="Public reference customers, whom you may name: {names}.",
    internal_public=(
        "**Internal systems.** The names and addresses of our internal hosts, services and networks "
        "never appear in public."
    ),
    internal_internal=(
        "**Internal systems.** The names and addresses of our internal hosts, services and networks "
        "never appear in public. Everything under these domains is internal: {domains}."
    ),
    internal_none=(
        "**Internal systems.** The names and addresses of internal hosts, services and networks never "
        "appear in public."
    ),
    public_domains="Our public domains, fine to use: {domains}.",
    credentials=(
        "**Credentials.** Passwords, keys and access tokens never appear in a post, not even expired "
        "ones or in a screenshot."
    ),
    personal=(
        "**Personal information.** Coworkers' and customers' contact details, ID and account numbers, "
        "and anything about a named person's health, pay or HR matters stay private, unless the person "
        "has published them for that purpose."
    ),
    privacy_rules="Section 7 lists every rule that enforces this, with examples.",
    spokespeople_intro=(
        "These people speak for {company} in public: they announce products, results and news, and "
        "answer the press. Naming them in a post is fine."
    ),
    spokespeople_withheld="The staff edition names the others who speak for {company}.",
    spokespeople_none=(
        "Only the people the communications team names speak for {company} in public: they announce "
        "products, results and news, and answer the press."
    ),
    press=(
        "If a journalist, analyst or investor asks you for a comment, thank them and pass the request "
        "on (section 10): do not answer for the company yourself."
    ),
    own_accounts=(
        "When you write about {company} on your own accounts, say that you work here and that the "
        "views are your own. Never present your opinion as the company's position."
    ),
    ground_rules_intro="Wherever you post:",
    ground_rules=(
        (
            "**Be open about who you are.** Say that you work at {company} when you write about our work, "
            "our products or our competitors."
        ),
        (
            "**Think before you post.** What is published stays published: screenshots and archives "
            "outlive a deletion."
        ),
        (
            "**Be respectful.** Disagree with ideas, not with people. No insults and no harassment, in "
            "public or in private messages."
        ),
        (
            "**Be accurate.** Claim only what you can back up, link to the source, and correct a mistake "
            "openly when you find one."
        ),
        (
            "**Respect other people's work.** Credit the photos, quotes and code you share, and ask before "
            "you post a picture of a coworker."
        ),
        (
            "**Check before you publish.** Posts for company channels pass the automatic checks of "
            "section 8; a finding tells you what to change."
        ),
        "**When in doubt, leave it out,** and ask first (section 10).",
    ),
    topics_intro=(
        "These topics stay off social media. Every rule below is checked automatically: it says why "
        "it matters and what to write instead, and shows posts it flags and posts that are fine. Its "
        "severity says what you must do (section 8)."
    ),
    categories={
        "pii": (
            "Private information about coworkers and customers",
            (
                "Details that identify and expose people: contact details, ID and account numbers, and "
                "a named person's health, pay or HR matters."
            ),
        ),
        "confidential": (
            "Confidential and undisclosed information",
            (
                "What {company} has not made public: unreleased products, customer "
                "relationships, internal systems, credentials, results and plans."
            ),
        ),
        "derogatory": (
            "Meanness, offensive and degrading comments",
            "Insults, slurs, stereotypes, dehumanising language and threats, about anyone.",
        ),
        "profanity": ("Obscene language", "Swearing, also in disguised spellings."),
        "substances": (
            "Illegal substances",
            "Using, buying or being on illegal drugs, and drugs at work.",
        ),
        "claims": (
            "False and unsubstantiated statements",
            (
                "Absolute or unprovable claims about our products: they mislead customers and "
                "create legal risk."
            ),
        ),
    },
    why="Why",
    instead="Instead",
    flagged="Flagged",
    fine="Fine",
    applies_to="Applies to posts in {languages}.",
    severities={
        "error": (
            "error",
            (
                "Do not publish it as written: change the post, or ask for an exception "
                "(section 10). The commit or the check fails."
            ),
        ),
        "warning": (
            "warning",
            (
                "Needs a second look: read the post again with the finding in mind, and "
                "change it unless you are sure it is fine."
            ),
        ),
        "info": ("info", "Advice: consider it."),
    },
    no_rules="No rule is in force.",
    examples_missing="Examples that need {values} are left out: the configuration gives none.",
    company_values={
        "company": "the company's name (`company.name`)",
        "domain": "a public domain of the company (`company.domains`)",
        "internal_domain": "an internal domain (`company.internal_domains`)",
        "codename": "the codename of an unreleased product (`company.codenames`)",
        "launched_codename": "the codename of a launched product (`company.codenames` with a `public_on` date "
                             "that has passed)",
        "customer": "a confidential customer (`company.customers`)",
        "reference_customer": "a public reference customer (`company.customers` with `public: true`)",
        "competitor": "a competitor (`company.competitors`)",
        "spokesperson": "a spokesperson (`company.spokespeople`)",
    },
    enforcement_intro="The rules of section 7 are checked automatically, at every step a post goes through:",
    enforcement=(
        (
            "**Before a commit.** On the company blog, a pre-commit hook checks every post you commit and "
            "stops the commit when a post has an error."
        ),
        (
            "**In continuous integration.** Every change to the blog is checked again before it is "
            "merged, and the findings appear on the pull request."
        ),
        (
            "**On the review page.** Paste a draft of any post into the review page to check it before "
            "you publish it."
        ),
        (
            "**In scans.** Published posts, archives and feeds are checked in bulk, so older posts are "
            "checked again when the rules change."
        ),
    ),
    severity_table=("Severity", "What you do", "Rules"),
    redacted_reports=(
        "Reports mask the personal and confidential data they find, so that logs do not spread it "
        "further."
    ),
    explain=(
        "Any rule can be read in full, with its examples, with `postlint explain CODE` (for example "
        "`postlint explain {example}`)."
    ),
    practise=(
        "To practise, run `postlint train`, or open the training page of the review server "
        "(`/training`): short posts built from these rules, to judge one by one, each followed by the "
        "rule, why and a better wording. Nothing about you or your answers is stored."
    ),
    exceptions_heading="How to ask for an exception",
    exceptions_intro=(
        "Sometimes a post has a good reason to say what a rule flags: quoting an announcement after "
        "its date, or a press address published on purpose. Ask for the exception in the post itself, "
        "next to the text it excuses, with a comment that names the rule and says why:"
    ),
    exception_example="<!-- postlint-disable-next-line {code} -- the reason, for the reviewer -->",
    exceptions_rules=(
        "The reason after `--` is required. A comment without one, one that names an unknown rule, "
        "and one that excuses nothing are reported themselves, and a comment excuses only the rules "
        "it names, never everything."
    ),
    questions="Questions",
    footer=(
        "*This policy is generated by postlint (`postlint policy`) from the company's configuration "
        "and the rule packs it uses, so it states exactly the rules every post is checked against. "
        "To change it, change those files and generate it again. In a repository, the rule entries of "
        "section 7 are marked as quotations that the checks let through; the rest of the file is checked "
        "like any post.*"
    ),
    quoted_reason="the rule entries of this policy quote what the rules flag, as examples",
    withheld={
        "codename": "[unreleased product]",
        "customer": "[confidential customer]",
        "internal_domain": "[internal host]",
        "marked": "[confidential]",
    },
    language_names={"en": "English", "es": "Spanish"},
    conjunction="and",
    quote=("\u201c", "\u201d"),
)
