//! The world: everything the simulator knows, in one plain value.

use crate::clock::{Clock, Timestamp};
use crate::ids::{AccountId, Region};

/// The simulated AWS world. Plain data: clone it, compare it; it changes only through
/// its methods, and time only moves when the world's clock is advanced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct World {
    region: Region,
    account: AccountId,
    clock: Clock,
}

impl World {
    /// A world in `region` whose own account is `account`, its clock at `start`.
    pub fn new(region: Region, account: AccountId, start: Timestamp) -> World {
        World {
            region,
            account,
            clock: Clock::starting_at(start),
        }
    }

    /// The default region of the world: calls without an explicit region go here.
    pub fn region(&self) -> &Region {
        &self.region
    }

    /// The account the playground's user works in.
    pub fn account(&self) -> AccountId {
        self.account
    }

    /// The simulated time now.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }
}

impl Default for World {
    /// `us-east-1`, account `111122223333`, 2026-01-01T00:00:00Z: the defaults of a
    /// scenario file.
    fn default() -> Self {
        World::new(
            Region::default_region(),
            AccountId::DEFAULT,
            Timestamp::DEFAULT_START,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn default_world_matches_the_scenario_defaults() {
        let w = World::default();
        assert_eq!(w.region().as_str(), "us-east-1");
        assert_eq!(w.account().as_str(), "111122223333");
        assert_eq!(w.now().to_string(), "2026-01-01T00:00:00Z");
        assert_eq!(w.clone(), w);
    }
}
