//! Fuzzes saved worlds (a scenario's `state` fields): any file must load or give located
//! errors; a file that loads must build, run, and save to a file that loads back into the
//! same world (world → file → world).
#![no_main]

use kms_core::scenario::Scenario;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut scenario = match Scenario::load(text) {
        Ok(s) => s,
        Err(errors) => {
            for e in errors {
                assert!(e.loc.offset as usize <= text.len(), "{e}");
            }
            return;
        }
    };
    scenario.seed = scenario.seed.or(Some(0));
    let world = scenario.build_world().expect("a file that loads builds");
    let saved = serde_json::to_string(&world.to_scenario(None)).expect("a saved world is JSON");
    let back = Scenario::load(&saved)
        .unwrap_or_else(|e| panic!("a saved world loads back: {e:?}"))
        .build_world()
        .expect("and builds");
    assert_eq!(back, world, "world → file → world");
    let shared = serde_json::to_string(&world.to_shared_scenario(None)).expect("JSON");
    let opened = Scenario::load(&shared).unwrap_or_else(|e| panic!("a shared world loads: {e:?}"));
    assert!(opened.state.is_none() && opened.seed.is_none(), "nothing secret is shared");
});
