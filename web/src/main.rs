//! The playground's entry point: mounts the app and nothing else.

fn main() {
    leptos::mount::mount_to_body(kms_web::App);
}
