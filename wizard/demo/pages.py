"""HTML pages of the demo org: login, consent, errors and Setup, in one tidy look.

Plain HTML forms without scripts, so a person, a Qt web view and a test with ``requests`` can
all click through them. Element ids follow Salesforce's login page (``username``, ``password``,
``Login``) and the consent page's buttons are ``allow`` and ``deny``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

_CSS = """
*{box-sizing:border-box}
input,button{font-family:inherit}
body{margin:0;font-family:"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#f3f3f3;color:#181818}
header{background:#032d60;color:#fff;padding:10px 24px;display:flex;justify-content:space-between;align-items:center}
header .org{font-weight:600;font-size:15px}
header .who{font-size:13px;opacity:.85}
.badge{background:#fe9339;color:#032d60;border-radius:3px;padding:1px 6px;font-size:11px;margin-left:8px}
main{max-width:980px;margin:24px auto;padding:0 16px}
.card{background:#fff;border:1px solid #dddbda;border-radius:6px;padding:24px;box-shadow:0 2px 2px rgba(0,0,0,.06)}
.narrow{max-width:420px;margin:48px auto}
h1{font-size:20px;margin:0 0 16px;color:#032d60}
label{display:block;font-size:13px;margin:14px 0 4px;color:#3e3e3c}
input[type=text],input[type=password]{width:100%;padding:9px 10px;border:1px solid #c9c9c9;border-radius:4px;font-size:14px}
.btn{display:inline-block;margin-top:18px;padding:9px 18px;border-radius:4px;border:1px solid #0176d3;
 background:#0176d3;color:#fff;font-size:14px;cursor:pointer}
.btn.secondary{background:#fff;color:#0176d3}
.error{background:#fef1ee;border:1px solid #ea001e;color:#8c1b11;padding:10px;border-radius:4px;font-size:13px}
.note{font-size:12px;color:#706e6b;margin-top:18px}
ul.scopes{padding-left:20px;font-size:14px}
table{width:100%;border-collapse:collapse;font-size:13px}
th{background:#f3f3f3;text-align:left;padding:8px;border-bottom:1px solid #dddbda;color:#514f4d}
td{padding:8px;border-bottom:1px solid #f0f0f0}
.crumb{font-size:12px;color:#706e6b;margin-bottom:4px}
nav.tabs{margin-bottom:12px}
nav.tabs a{margin-right:14px;font-size:13px;color:#0176d3;text-decoration:none}
"""

#: What each OAuth scope lets the app do, for the consent page.
SCOPE_TEXT: Mapping[str, str] = {
    "api": "Manage your data through the APIs (api)",
    "web": "Manage your data in a web browser (web)",
    "full": "Full access to everything you can reach (full)",
    "refresh_token": "Keep working when you are not signed in (refresh_token, offline_access)",
    "offline_access": "Keep working when you are not signed in (refresh_token, offline_access)",
    "openid": "Know who you are (openid)",
    "id": "Read your identity and profile (id, profile, email, address, phone)",
    "profile": "Read your identity and profile (id, profile, email, address, phone)",
    "email": "Read your identity and profile (id, profile, email, address, phone)",
}


def document(title: str, body: str, *, org_name: str = "", who: str = "", sandbox: bool = False) -> str:
    """A full HTML document with the demo org's header bar."""
    badge = '<span class="badge">Sandbox</span>' if sandbox else ""
    header = (
        f'<header><span class="org">{escape(org_name or "Demo org")}{badge}</span>'
        f'<span class="who">{escape(who)}</span></header>'
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_CSS}</style></head><body>{header}<main>{body}</main></body></html>"
    )


def _hidden(fields: Mapping[str, str]) -> str:
    return "".join(
        f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in fields.items()
    )


def login_page(
    action: str,
    hidden: Mapping[str, str],
    *,
    org_name: str,
    error: str | None = None,
    username: str = "",
    sandbox: bool = False,
) -> str:
    """The username/password form."""
    problem = f'<p class="error" id="error">{escape(error)}</p>' if error else ""
    body = (
        f'<div class="card narrow"><h1>Log in to {escape(org_name)}</h1>{problem}'
        f'<form method="post" action="{escape(action)}" id="login_form">{_hidden(hidden)}'
        f'<label for="username">Username</label>'
        f'<input type="text" id="username" name="username" value="{escape(username)}" autocomplete="username">'
        f'<label for="password">Password</label>'
        f'<input type="password" id="password" name="password" autocomplete="current-password">'
        f'<input class="btn" type="submit" id="Login" name="Login" value="Log In"></form>'
        f'<p class="note">This is the ECI Setup Wizard demo org on your own computer; '
        f"no data leaves it.</p></div>"
    )
    return document(f"Login | {org_name}", body, org_name=org_name, sandbox=sandbox)


def consent_page(
    action: str, hidden: Mapping[str, str], *, org_name: str, app_name: str, username: str, scopes: Iterable[str]
) -> str:
    """The "Allow access?" page with Allow and Deny buttons."""
    lines = []
    for scope in scopes:
        text = SCOPE_TEXT.get(scope, f"Use the {scope} permission ({scope})")
        if text not in lines:
            lines.append(text)
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    body = (
        f'<div class="card narrow"><h1>Allow access?</h1>'
        f"<p><strong>{escape(app_name)}</strong> asks to act as <strong>{escape(username)}</strong> "
        f"in {escape(org_name)} and to:</p><ul class=\"scopes\">{items}</ul>"
        f'<form method="post" action="{escape(action)}" id="consent_form">{_hidden(hidden)}'
        f'<input class="btn" type="submit" id="allow" name="allow" value="Allow"> '
        f'<input class="btn secondary" type="submit" id="deny" name="deny" value="Deny"></form>'
        f'<p class="note">Deny sends you back to the app without access.</p></div>'
    )
    return document(f"Allow access? | {org_name}", body, org_name=org_name, who=username)


def error_page(title: str, message: str, *, org_name: str = "", code: str = "") -> str:
    """An error shown in the browser instead of a redirect (e.g. an unregistered redirect URI)."""
    code_line = f'<p class="note" id="error_code">{escape(code)}</p>' if code else ""
    body = f'<div class="card narrow"><h1>{escape(title)}</h1><p class="error">{escape(message)}</p>{code_line}</div>'
    return document(title, body, org_name=org_name)


def setup_page(
    section: str,
    *,
    org_name: str,
    username: str,
    sandbox: bool,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    note: str = "",
    tabs: Sequence[tuple[str, str]] = (),
) -> str:
    """A Setup page: breadcrumb, title "Setup › <section>", and a table of the org's items."""
    nav = "".join(f'<a href="{escape(href)}">{escape(label)}</a>' for label, href in tabs)
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    if rows:
        body_rows = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    else:
        body_rows = f'<tr><td colspan="{max(len(columns), 1)}">Nothing here yet.</td></tr>'
    extra = f'<p class="note">{escape(note)}</p>' if note else ""
    body = (
        f'<div class="crumb">Setup</div><h1 id="page_title">Setup › {escape(section)}</h1>'
        f'<nav class="tabs">{nav}</nav>'
        f'<div class="card"><table id="items"><thead><tr>{head}</tr></thead><tbody>{body_rows}</tbody></table>'
        f"{extra}</div>"
    )
    return document(f"Setup › {section} | {org_name}", body, org_name=org_name, who=username, sandbox=sandbox)
