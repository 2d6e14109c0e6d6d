//! Taking over subscriptions that exist (#22): an entry that matches a subscription made by
//! hand or by another tool is an adoption, said apart and carried out only when asked, and
//! it never breaks the other tool: its own secret pairs stay.

use serde_json::json;

use crate::harness::{golden, sub, World};

const N8N: &str = "https://n8n.example.com/webhook/abc";

/// What n8n's Copper trigger made: its own secret pair, which n8n checks on every delivery.
fn n8n_world() -> World {
    World::seeded(
        &[sub(
            170001,
            "person",
            "new",
            N8N,
            json!({"n8n_secret": "n8n-checks-this"}),
        )],
        &[],
    )
}

fn manifest(adopt: &str) -> String {
    format!(
        "owner = \"billing-sync\"\n\n[[subscription]]\ntype = \"person\"\nevent = \"new\"\ntarget = \"{N8N}\"\nsecret = {{ token = \"ours\" }}\n{adopt}"
    )
}

fn secret_of(w: &World, id: u64) -> serde_json::Value {
    let run = w.run(&["-o", "json", "--show-secrets", "get", &id.to_string()]);
    run.ok();
    run.json()["secret"].clone()
}

#[test]
fn an_unasked_adoption_is_shown_apart_and_refused() {
    let w = n8n_world();
    w.write("m.toml", &manifest(""));
    let plan = w.run(&["plan", "m.toml"]);
    plan.ok()
        .out_has("& adopt   person.new")
        .out_has("not this manifest's: made by hand or by another tool; keeps n8n_secret")
        .out_has("1 to adopt")
        .out_has("Apply would refuse this plan");
    golden("plan-adopt.txt", &plan.stdout);
    let md = w.run(&["-o", "markdown", "plan", "m.toml"]);
    md.ok().out_has("| 🤝 | adopt | person.new (id 170001) |");
    golden("plan-adopt.md", &md.stdout);
    let json = w.run(&["-o", "json", "plan", "m.toml"]);
    json.ok();
    let doc = json.json();
    assert_eq!(doc["summary"]["adopt"], 1);
    assert_eq!(doc["summary"]["update"], 0);
    assert_eq!(doc["actions"][0]["action"], "adopt");
    assert_eq!(doc["actions"][0]["kept_keys"], json!(["n8n_secret"]));
    assert_eq!(doc["actions"][0]["allowed"], false);
    // Apply refuses, naming it, and writes nothing: n8n goes on receiving.
    let apply = w.run(&["apply", "--yes", "m.toml"]);
    apply
        .code(3)
        .err_has("not its own: person.new https://n8n.example.com/webhook/abc (id 170001")
        .err_has("adopt = true on the entry, or --adopt");
    assert_eq!(w.emu().writes(), 0);
    assert_eq!(secret_of(&w, 170001)["n8n_secret"], "n8n-checks-this");
}

#[test]
fn an_adoption_keeps_the_id_and_the_other_tools_secret() {
    for how in [("", "--adopt"), ("adopt = true\n", "")] {
        let w = n8n_world();
        w.write("m.toml", &manifest(how.0));
        let mut args = vec!["apply", "--yes"];
        if !how.1.is_empty() {
            args.push(how.1);
        }
        args.push("m.toml");
        w.run(&args).ok();
        let subs = w.list();
        assert_eq!(subs.len(), 1, "the same subscription, no second one");
        assert_eq!(subs[0]["id"], 170001, "same id: no gap in deliveries");
        let secret = secret_of(&w, 170001);
        assert_eq!(secret["n8n_secret"], "n8n-checks-this", "{secret}");
        assert_eq!(secret["token"], "ours");
        assert_eq!(secret["copper_hooks_owner"], "billing-sync");
        // The next plan, with no adopt said, is in sync: the kept key stays kept.
        w.write("m.toml", &manifest(""));
        w.run(&["plan", "--detailed-exitcode", "m.toml"])
            .ok()
            .out_has("No changes");
    }
}

#[test]
fn removing_a_foreign_key_needs_the_manifest_to_say_so() {
    let w = n8n_world();
    w.write(
        "m.toml",
        &manifest("adopt = { remove = [\"n8n_secret\"] }\n"),
    );
    w.run(&["plan", "m.toml"])
        .ok()
        .out_has("secret: copper_hooks_owner added, token added, n8n_secret removed");
    w.run(&["apply", "--yes", "m.toml"]).ok();
    let secret = secret_of(&w, 170001);
    assert!(secret.get("n8n_secret").is_none(), "{secret}");
    w.run(&["plan", "--detailed-exitcode", "m.toml"]).ok();
}

#[test]
fn another_manifests_subscription_is_an_adoption_too() {
    let w = World::seeded(
        &[sub(
            170001,
            "person",
            "new",
            N8N,
            json!({"copper_hooks_owner": "other-team"}),
        )],
        &[],
    );
    w.write("m.toml", &manifest(""));
    w.run(&["plan", "m.toml"])
        .ok()
        .out_has("not this manifest's: owned by 'other-team'");
    w.run(&["apply", "--yes", "m.toml"]).code(3);
}

#[test]
fn update_secret_keeps_the_owner_marker() {
    let w = World::seeded(
        &[sub(
            170001,
            "person",
            "new",
            N8N,
            json!({"copper_hooks_owner": "billing-sync", "token": "old"}),
        )],
        &[],
    );
    w.run(&["update", "170001", "--secret", "token=new"]).ok();
    let secret = secret_of(&w, 170001);
    assert_eq!(secret["token"], "new");
    assert_eq!(secret["copper_hooks_owner"], "billing-sync", "{secret}");
    // So the manifest still sees its own subscription, not a foreign one.
    w.write("m.toml", &manifest("").replace("\"ours\"", "\"new\""));
    w.run(&["plan", "--detailed-exitcode", "m.toml"]).ok();
}

#[test]
fn export_review_apply_brings_an_account_under_management() {
    let w = World::seeded(
        &[
            sub(
                170001,
                "person",
                "new",
                N8N,
                json!({"n8n_secret": "n8n-checks-this"}),
            ),
            sub(
                170002,
                "lead",
                "new",
                "https://zapier.example.com/hooks/1",
                json!({}),
            ),
        ],
        &[],
    );
    // Only n8n's subscription is chosen, by its target.
    w.run(&[
        "export",
        "--adopt-as",
        "billing-sync",
        "--target",
        N8N,
        "--file",
        "adopt.toml",
    ])
    .ok();
    let text = std::fs::read_to_string(w.path("adopt.toml")).unwrap();
    assert!(text.contains("owner = \"billing-sync\""), "{text}");
    assert!(text.contains("adopt = true"), "{text}");
    assert!(
        text.contains("n8n_secret = \"${COPPER_SECRET_N8N_SECRET}\""),
        "{text}"
    );
    assert!(!text.contains("zapier"), "{text}");
    assert!(
        !text.contains("n8n-checks-this"),
        "secret values stay out: {text}"
    );
    let env = [("COPPER_SECRET_N8N_SECRET", "n8n-checks-this")];
    w.run_with(&["plan", "adopt.toml"], &env)
        .ok()
        .out_has("& adopt   person.new");
    w.run_with(&["apply", "--yes", "adopt.toml"], &env).ok();
    assert_eq!(secret_of(&w, 170001)["n8n_secret"], "n8n-checks-this");
    assert_eq!(secret_of(&w, 170001)["copper_hooks_owner"], "billing-sync");
    w.run_with(&["plan", "--detailed-exitcode", "adopt.toml"], &env)
        .ok()
        .out_has("No changes");
    // Zapier's subscription was never touched.
    assert!(secret_of(&w, 170002).as_object().unwrap().is_empty());
}
