//! The playground shell, mounted into a real page in headless Chromium.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use kms_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Waits `ms` milliseconds, letting the browser fire events and Leptos re-render.
async fn tick(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn mount() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), App).forget();
    host
}

fn text(host: &web_sys::HtmlElement, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn shell_shows_the_core_world_and_follows_the_fragment() {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/keys")
        .unwrap();
    // A fresh visit: nothing saved in this browser.
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    tick(20).await;
    let host = mount();
    tick(50).await;

    // The page shows the world the core builds from the starting scenario: every key of
    // it in the list, acting as its first user, its clock in the header.
    let world = kms_web::starting_world().unwrap();
    let rows = host.query_selector_all("table tbody tr").unwrap();
    assert_eq!(rows.length() as usize, world.keys().len());
    assert_eq!(
        text(&host, "[data-testid=world-clock]"),
        kms_web::format::time(world.now())
    );
    let acting: web_sys::HtmlSelectElement = host
        .query_selector("#acting-as")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(acting.value(), kms_web::ui::first_actor(&world));
    assert!(text(&host, "[data-testid=sim-notice]").contains("not paste real secrets"));

    // Nine panels in the navigation (the course first, the terminal last), the open one
    // marked.
    let links = host.query_selector_all("nav a").unwrap();
    assert_eq!(links.length(), 9);
    assert_eq!(text(&host, "nav a[aria-current=page]"), "Keys");
    assert_eq!(text(&host, "main h1"), "Keys");

    // Clicking a link changes the fragment; the panel follows.
    let audit: web_sys::HtmlElement = host
        .query_selector("[data-testid=nav-audit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    audit.click();
    tick(50).await;
    assert_eq!(
        web_sys::window().unwrap().location().hash().unwrap(),
        "#/audit"
    );
    assert_eq!(text(&host, "main h1"), "Audit");
    assert_eq!(text(&host, "nav a[aria-current=page]"), "Audit");
    assert!(
        host.query_selector("[data-testid=panel-audit]")
            .unwrap()
            .is_some()
    );
    host.remove();
}
