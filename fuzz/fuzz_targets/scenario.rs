//! Fuzzes the scenario loader and runner: any text must load or give located errors, and a
//! file that loads must play to the end without a panic.
#![no_main]

use kms_core::scenario::{Runner, Scenario};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Scenario::load(text) {
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(e.loc.offset as usize <= text.len());
                assert!(!e.message.is_empty());
            }
        }
        Ok(mut scenario) => {
            // Fuzzing is deterministic: a file without a seed gets one.
            scenario.seed = scenario.seed.or(Some(0));
            if let Ok(mut runner) = Runner::new(&scenario) {
                let results = runner.run_all();
                assert_eq!(results.len(), scenario.steps.len());
            }
        }
    }
});
