//! The playground's entry point: mounts the app and nothing else. The same module also
//! starts inside the bulk worker (`kms_web::worker`), where there is no page to mount on.

fn main() {
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(kms_web::App);
    }
}
