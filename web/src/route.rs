//! Which panel the URL fragment opens (`#/keys`, `#/audit`, ...).
//!
//! Routing lives in the fragment so that the built site works from any host and any
//! sub-path, and a link opens the right panel without server support.

/// A panel of the playground.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
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
}

impl Panel {
    /// Every panel, in navigation order.
    pub const ALL: [Panel; 7] = [
        Panel::Keys,
        Panel::Policies,
        Panel::Access,
        Panel::Encrypt,
        Panel::S3,
        Panel::Audit,
        Panel::Scenarios,
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

    /// The panel a fragment opens: the one it names, else the first.
    pub fn for_fragment(fragment: &str) -> Panel {
        Panel::from_fragment(fragment).unwrap_or(Panel::Keys)
    }

    /// The fragment's path part for this panel (`keys`).
    pub fn slug(self) -> &'static str {
        match self {
            Panel::Keys => "keys",
            Panel::Policies => "policies",
            Panel::Access => "access",
            Panel::Encrypt => "encrypt",
            Panel::S3 => "s3",
            Panel::Audit => "audit",
            Panel::Scenarios => "scenarios",
        }
    }

    /// The link to this panel (`#/keys`).
    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    /// The panel's name in the navigation.
    pub fn title(self) -> &'static str {
        match self {
            Panel::Keys => "Keys",
            Panel::Policies => "Policies",
            Panel::Access => "Access",
            Panel::Encrypt => "Encrypt",
            Panel::S3 => "S3",
            Panel::Audit => "Audit",
            Panel::Scenarios => "Scenarios",
        }
    }
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
        assert_eq!(Panel::for_fragment("#/nowhere"), Panel::Keys);
    }
}
