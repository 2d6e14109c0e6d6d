//! `auth login|status|logout`: credentials in the profile file, and whether Copper takes them.

use crate::cli::{AuthCommand, LoginArgs};
use crate::config::{self, Profile};
use crate::copper::{Client, Credentials};
use crate::error::{self, Exit};
use crate::output;
use crate::rules;
use crate::text;

pub async fn run(ctx: &super::Ctx, cmd: AuthCommand) -> anyhow::Result<Exit> {
    match cmd {
        AuthCommand::Login(args) => login(ctx, args).await,
        AuthCommand::Status => status(ctx).await,
        AuthCommand::Logout => logout(ctx),
    }
}

async fn login(ctx: &super::Ctx, args: LoginArgs) -> anyhow::Result<Exit> {
    no_sandbox(ctx, "login")?;
    let settings = ctx.settings_to_create()?;
    // A flag or the environment gives a value; what the profile holds now is what is being
    // replaced. COPPER_API_KEY keeps the key out of argv, shell history and process lists.
    let given = |setting: &Option<config::Setting>| {
        setting
            .as_ref()
            .filter(|s| matches!(s.source, config::Source::Flag | config::Source::Env(_)))
            .map(|s| s.value.clone())
            .filter(|v| !v.is_empty())
    };
    let ask = "set COPPER_USER_EMAIL and COPPER_API_KEY (or pass --email and --api-key) for \
               `auth login`";
    let email = match given(&settings.email) {
        Some(email) => email,
        None => {
            super::require_terminal(ask)?;
            dialoguer::Input::<String>::new()
                .with_prompt("Email of the API key's owner")
                .interact_text()?
        }
    };
    let api_key = match given(&settings.api_key) {
        Some(key) => key,
        None => {
            super::require_terminal(ask)?;
            dialoguer::Password::new()
                .with_prompt("API key (Settings > Integrations > API Keys)")
                .interact()?
        }
    };
    let credentials = Credentials {
        api_key: api_key.clone(),
        email: email.clone(),
    };
    let api_url = settings.api_url.value.clone();
    if !args.no_verify {
        let url = crate::rules::check_api_url(&api_url)?;
        let client = Client::new(url, &credentials, ctx.client_options(), None)?;
        let account = match client.account().await {
            Ok(account) => account,
            Err(err) if err.is_credentials() => {
                return Err(error::auth(
                    format!(
                        "Copper refused the email and API key just given ({}); nothing was saved",
                        err.reason()
                    ),
                    "check that the key belongs to that email (Settings > Integrations > API \
                     Keys in Copper) and run `copper-hooks auth login` again",
                ))
            }
            Err(err) => return Err(err.into()),
        };
        ctx.note(&format!(
            "Copper accepts these credentials (account {} \"{}\").",
            account.id, account.name
        ));
    }
    let path = settings.credentials_path();
    let mut file = config::load(&path)?;
    let stored_url = (settings.api_url.source != config::Source::Default).then_some(api_url);
    file.profiles.insert(
        settings.profile.value.clone(),
        Profile {
            email: Some(email),
            api_key: Some(api_key),
            api_url: stored_url,
        },
    );
    config::save(&path, &file)?;
    ctx.note(&format!(
        "Saved profile '{}' to {} (mode 0600).",
        settings.profile.value,
        path.display()
    ));
    Ok(Exit::Ok)
}

async fn status(ctx: &super::Ctx) -> anyhow::Result<Exit> {
    let conn = ctx.connect().await?;
    let s = &conn.settings;
    let key_from = s.api_key.as_ref().map(|k| k.source.to_string());
    let email = s
        .email
        .as_ref()
        .map(|e| (e.value.clone(), e.source.to_string()));
    let verdict = conn.client.account().await;
    let (accepted, account) = match &verdict {
        Ok(account) => (true, Some(account.clone())),
        Err(_) => (false, None),
    };
    if ctx.json() {
        output::json_out(&serde_json::json!({
            "profile": s.profile.value,
            "credentials_file": s.credentials_path(),
            "api_url": {"value": rules::shown_api_url(&s.api_url.value), "source": s.api_url.source.to_string()},
            "email": email.as_ref().map(|(v, src)| serde_json::json!({"value": v, "source": src})),
            "api_key": key_from.as_ref().map(|src| serde_json::json!({"value": mask_key(&conn.credentials.api_key), "source": src})),
            "accepted": accepted,
            "account": account,
        }))?;
    } else {
        let mut lines = vec![
            format!("profile:     {} ({})", s.profile.value, s.profile.source),
            format!("credentials: {}", s.credentials_path().display()),
            format!(
                "api url:     {} ({})",
                rules::shown_api_url(&s.api_url.value),
                s.api_url.source
            ),
        ];
        if let Some((value, src)) = &email {
            lines.push(format!("email:       {} ({src})", text::line(value)));
        }
        if let Some(src) = &key_from {
            lines.push(format!(
                "api key:     {} ({src})",
                mask_key(&conn.credentials.api_key)
            ));
        }
        lines.push(match &account {
            Some(a) => format!(
                "copper:      accepted (account {} \"{}\")",
                a.id,
                text::line(&a.name)
            ),
            None => "copper:      refused".into(),
        });
        output::out(&lines.join("\n"))?;
    }
    match verdict {
        Ok(_) => Ok(Exit::Ok),
        Err(err) if err.is_credentials() => Err(error::auth(
            format!("Copper refused these credentials ({})", err.reason()),
            "check that the key belongs to that email (Settings > Integrations > API Keys in \
             Copper), then store the right pair with `copper-hooks auth login`",
        )),
        Err(err) => Err(err.into()),
    }
}

/// `auth login` and `logout` store and remove credentials for a real account; the sandbox
/// has its own and needs neither.
fn no_sandbox(ctx: &super::Ctx, what: &str) -> anyhow::Result<()> {
    if ctx.global.sandbox {
        return Err(error::usage(format!(
            "`auth {what}` does not apply to the sandbox, which has built-in credentials \
             (`--sandbox auth status` shows them); leave --sandbox out to {} credentials for \
             Copper",
            if what == "login" { "store" } else { "remove" }
        )));
    }
    Ok(())
}

/// Enough of a key to tell two apart, never enough to use: the last four characters.
fn mask_key(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() < 12 {
        return output::MASK.into();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{}{tail}", output::MASK)
}

fn logout(ctx: &super::Ctx) -> anyhow::Result<Exit> {
    no_sandbox(ctx, "logout")?;
    let settings = ctx.settings()?;
    let path = settings.credentials_path();
    let mut file = config::load(&path)?;
    if file.profiles.remove(&settings.profile.value).is_none() {
        ctx.note(&format!(
            "Profile '{}' has no stored credentials.",
            settings.profile.value
        ));
        return Ok(Exit::Ok);
    }
    config::save(&path, &file)?;
    ctx.note(&format!(
        "Removed profile '{}' from {}.",
        settings.profile.value,
        path.display()
    ));
    Ok(Exit::Ok)
}
