//! Which panel the URL fragment opens (`#/keys`, `#/audit`, ...).
//!
//! Routing lives in the fragment so that the built site works from any host and any
//! sub-path, and a link opens the right panel without server support.

/// A panel of the playground.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The course: lessons with goals the world checks.
    Learn,
    /// Keys: create, aliases, states, rotation, deletion.
    Keys,
    /// Key policies and IAM policies, with inline diagnostics.
    Policies,
    /// The access matrix: who may do what to which key, and why.
    Access,
    /// The encryption workbench: Encrypt, Decrypt, data keys, envelopes.
    Encrypt,
    /// S3 with SSE-KMS, step by step.
    S3,
    /// The CloudTrail-shaped audit log.
    Audit,
    /// Scenario presets, guided play, import, export and sharing.
    Scenarios,
    /// The AWS CLI, typed.
    Terminal,
}

impl Panel {
    /// Every panel, in navigation order.
    pub const ALL: [Panel; 9] = [
        Panel::Learn,
        Panel::Keys,
        Panel::Policies,
        Panel::Access,
        Panel::Encrypt,
        Panel::S3,
        Panel::Audit,
        Panel::Scenarios,
        Panel::Terminal,
    ];

    /// The panel a fragment names (`#/keys`, `#keys`, `/keys`, with or without a trailing
    /// part after another `/` or `?`), case-insensitive; `None` for anything else.
    pub fn from_fragment(fragment: &str) -> Option<Panel> {
        let path = fragment.trim_start_matches('#').trim_start_matches('/');
        let slug = path.split(['/', '?']).next().unwrap_or_default();
        Panel::ALL
            .into_iter()
            .find(|p| p.slug().eq_ignore_ascii_case(slug))
    }

    /// The panel a fragment opens: the one it names, else the first (the course).
    pub fn for_fragment(fragment: &str) -> Panel {
        Panel::from_fragment(fragment).unwrap_or(Panel::Learn)
    }

    /// The fragment's path part for this panel (`keys`).
    pub fn slug(self) -> &'static str {
        match self {
            Panel::Learn => "learn",
            Panel::Keys => "keys",
            Panel::Policies => "policies",
            Panel::Access => "access",
            Panel::Encrypt => "encrypt",
            Panel::S3 => "s3",
            Panel::Audit => "audit",
            Panel::Scenarios => "scenarios",
            Panel::Terminal => "terminal",
        }
    }

    /// The link to this panel (`#/keys`).
    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    /// The panel's name in the navigation.
    pub fn title(self) -> &'static str {
        match self {
            Panel::Learn => "Learn",
            Panel::Keys => "Keys",
            Panel::Policies => "Policies",
            Panel::Access => "Access",
            Panel::Encrypt => "Encrypt",
            Panel::S3 => "S3",
            Panel::Audit => "Audit",
            Panel::Scenarios => "Scenarios",
            Panel::Terminal => "Terminal",
        }
    }
}

/// Where the page is: a panel, and perhaps something open in it (`#/keys/<key-id>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The panel.
    pub panel: Panel,
    /// What is open in it, if anything: the path after the panel's name.
    pub detail: Option<String>,
}

impl Route {
    /// The route a fragment names; an unknown panel opens the first.
    pub fn parse(fragment: &str) -> Route {
        let path = fragment.trim_start_matches('#').trim_start_matches('/');
        let path = path.split('?').next().unwrap_or_default();
        let panel = Panel::for_fragment(fragment);
        let detail = Panel::from_fragment(fragment)
            .and_then(|_| path.split_once('/'))
            .map(|(_, rest)| rest.trim_matches('/'))
            .filter(|rest| !rest.is_empty())
            .map(decode);
        Route { panel, detail }
    }

    /// The link to this route.
    pub fn href(&self) -> String {
        match &self.detail {
            Some(d) => format!("#/{}/{}", self.panel.slug(), encode(d)),
            None => self.panel.href(),
        }
    }

    /// A route to something in `panel`.
    pub fn to(panel: Panel, detail: &str) -> Route {
        Route {
            panel,
            detail: Some(String::from(detail)),
        }
    }
}

/// Percent-encodes what a fragment path segment cannot hold as it is.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.:/~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Undoes [`encode`] (and any other percent-encoding); bad escapes stay as they are.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_panel_round_trips_through_its_link() {
        for p in Panel::ALL {
            assert_eq!(Panel::from_fragment(&p.href()), Some(p));
        }
    }

    #[test]
    fn fragments_are_forgiving_but_not_guessing() {
        assert_eq!(Panel::from_fragment("#/AUDIT"), Some(Panel::Audit));
        assert_eq!(Panel::from_fragment("#keys"), Some(Panel::Keys));
        assert_eq!(Panel::from_fragment("#/s3/my-bucket"), Some(Panel::S3));
        assert_eq!(
            Panel::from_fragment("#/scenarios?play=1"),
            Some(Panel::Scenarios)
        );
        assert_eq!(Panel::from_fragment(""), None);
        assert_eq!(Panel::from_fragment("#/key"), None);
        // Anything else opens the course, where a newcomer starts.
        assert_eq!(Panel::for_fragment("#/nowhere"), Panel::Learn);
        assert_eq!(Panel::for_fragment(""), Panel::Learn);
        let lesson = Route::parse("#/learn/grants");
        assert_eq!(
            (lesson.panel, lesson.detail.as_deref()),
            (Panel::Learn, Some("grants"))
        );
    }

    #[test]
    fn routes_carry_what_is_open_in_a_panel() {
        let r = Route::parse("#/keys/aaaaaaaa-0000-4000-8000-00000000000a");
        assert_eq!(r.panel, Panel::Keys);
        assert_eq!(
            r.detail.as_deref(),
            Some("aaaaaaaa-0000-4000-8000-00000000000a")
        );
        assert_eq!(Route::parse(&r.href()), r);
        assert_eq!(Route::parse("#/audit").detail, None);
        assert_eq!(
            Route::parse("#/nowhere/x").detail,
            None,
            "no detail in an unknown panel"
        );
        let odd = Route::to(Panel::Keys, "a b%<c>");
        assert_eq!(odd.href(), "#/keys/a%20b%25%3Cc%3E");
        assert_eq!(Route::parse(&odd.href()), odd);
        assert_eq!(Route::parse("#/keys/%zz").detail.as_deref(), Some("%zz"));
    }
}
