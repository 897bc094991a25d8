//! The playground's entry point: mounts the app and nothing else. The same module also
//! starts inside the bulk worker (`kms_web::worker`), where there is no page to mount on.

fn main() {
    // A bug that panics says what it was in the console (wasm otherwise only says
    // "unreachable"), where a learner's bug report and the browser tests see it.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("KMS Playground stopped: {info}").into());
    }));
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(kms_web::App);
    }
}
