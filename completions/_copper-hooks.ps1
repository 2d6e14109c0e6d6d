
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'copper-hooks' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'copper-hooks'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'copper-hooks' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the account''s subscriptions')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one subscription')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a subscription (Copper''s rules are checked first)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a subscription''s target, secret, headers or computed values')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete subscriptions')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check manifests offline: no credentials, no network')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what `apply` would change')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the account hold exactly what a manifest declares')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Store, check and remove credentials')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Send realistic Copper notifications to a receiver of yours (http allowed)')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive notifications on loopback, check each against Copper''s envelope, and journal them')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Send journalled notifications again, byte for byte')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'Catch up what never arrived: search the account for records changed in a window (or in a journal''s gaps) and send the app Copper''s notifications for them, marked as made up by a search')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'Say what a journal holds without starting anything: accepted, forwarded, pending and dead deliveries, the oldest pending, and the gaps a reconcile should cover')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send one test notification per subscription (of a manifest, or --live on the account) to its own target, and report how each target answered')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print or write the man pages')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Run a local Copper API for tests and pipelines (--rate-limit sets its 429 limit; --api-key and --email, when given, are the only ones it accepts)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the account''s subscriptions as a manifest')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'copper-hooks;list' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only subscriptions of this type')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only subscriptions for this event')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column, however wide the terminal (lines may wrap)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;get' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;create' {
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where Copper delivers: an external https:// URL')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Record type')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Event')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'A secret pair Copper echoes in every delivery (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A header Copper sends with every delivery (repeatable)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--computed-values', '--computed-values', [CompletionResultType]::ParameterName, 'Send dropdown values as names instead of option ids')
            [CompletionResult]::new('--allow-duplicate', '--allow-duplicate', [CompletionResultType]::ParameterName, 'Create even when the same type, event and target is already subscribed (every delivery would then arrive twice)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;update' {
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'New target: an external https:// URL')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Replace the secret with these pairs (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Replace the headers with these pairs (repeatable)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Not changeable: Copper fixes a subscription''s type when it is created')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Not changeable: Copper fixes a subscription''s event when it is created')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--clear-secret', '--clear-secret', [CompletionResultType]::ParameterName, 'Remove the secret')
            [CompletionResult]::new('--clear-headers', '--clear-headers', [CompletionResultType]::ParameterName, 'Remove the headers')
            [CompletionResult]::new('--computed-values', '--computed-values', [CompletionResultType]::ParameterName, 'Send dropdown values as names')
            [CompletionResult]::new('--no-computed-values', '--no-computed-values', [CompletionResultType]::ParameterName, 'Send dropdown values as option ids')
            [CompletionResult]::new('--allow-duplicate', '--allow-duplicate', [CompletionResultType]::ParameterName, 'Move the target even when the same type, event and target is already subscribed')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;delete' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask; needed when there is no terminal to ask on')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask; needed when there is no terminal to ask on')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;validate' {
            [CompletionResult]::new('--accounts', '--accounts', [CompletionResultType]::ParameterName, 'Also check this accounts file, and each manifest with every account''s variables')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only these accounts of the file: a name, a group, or a glob (repeatable)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--skip-env', '--skip-env', [CompletionResultType]::ParameterName, 'Do not require ${VAR}s to be set (for pre-merge checks that have no secrets)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;plan' {
            [CompletionResult]::new('--markdown-file', '--markdown-file', [CompletionResultType]::ParameterName, 'Also write this plan as Markdown to FILE (the same plan, from the same list call)')
            [CompletionResult]::new('--json-file', '--json-file', [CompletionResultType]::ParameterName, 'Also write this plan as JSON to FILE (the same plan, from the same list call)')
            [CompletionResult]::new('--max-delete-percent', '--max-delete-percent', [CompletionResultType]::ParameterName, 'Refuse to delete more than this percentage of existing subscriptions')
            [CompletionResult]::new('--delete-threshold-min', '--delete-threshold-min', [CompletionResultType]::ParameterName, 'The percentage rule applies from this many existing subscriptions on')
            [CompletionResult]::new('--max-delete-accounts-percent', '--max-delete-accounts-percent', [CompletionResultType]::ParameterName, 'With an accounts file of 4 or more chosen accounts: refuse a plan that deletes in more than this percentage of them at once')
            [CompletionResult]::new('--accounts', '--accounts', [CompletionResultType]::ParameterName, 'Keep the manifest in every account of this accounts file, each with its own credentials and variables')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only these accounts of the file: a name, a group, or a glob such as ''eu-*'' (repeatable)')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Only part K of N of the chosen accounts, by a stable hash of each name (for CI matrix jobs; adding an account never moves another)')
            [CompletionResult]::new('--parallel-accounts', '--parallel-accounts', [CompletionResultType]::ParameterName, 'Accounts worked on at once')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Delete subscriptions the manifest does not declare (only those it owns, when it sets `owner`)')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'Exit 2 when there are changes, 3 when apply would refuse the plan, 0 when in sync')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Go ahead even when a safety threshold is crossed (never past Copper''s limit of 100)')
            [CompletionResult]::new('--adopt', '--adopt', [CompletionResultType]::ParameterName, 'Take over the subscriptions the manifest matches that are not its own (made by hand, by another tool, or by another manifest), keeping their other secret keys and headers; without it (or `adopt = true` on the entry) such a plan is refused')
            [CompletionResult]::new('--skip-unresolved', '--skip-unresolved', [CompletionResultType]::ParameterName, 'Leave out (and name) accounts whose credentials or variables cannot be resolved, instead of stopping before any call')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;apply' {
            [CompletionResult]::new('--expect-checksum', '--expect-checksum', [CompletionResultType]::ParameterName, 'Refuse unless the plan''s checksum is this one (from a reviewed `plan`); with an accounts file, the whole fleet''s, or NAME=SUM per account (repeatable)')
            [CompletionResult]::new('--max-delete-percent', '--max-delete-percent', [CompletionResultType]::ParameterName, 'Refuse to delete more than this percentage of existing subscriptions')
            [CompletionResult]::new('--delete-threshold-min', '--delete-threshold-min', [CompletionResultType]::ParameterName, 'The percentage rule applies from this many existing subscriptions on')
            [CompletionResult]::new('--max-delete-accounts-percent', '--max-delete-accounts-percent', [CompletionResultType]::ParameterName, 'With an accounts file of 4 or more chosen accounts: refuse a plan that deletes in more than this percentage of them at once')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Calls in flight at once')
            [CompletionResult]::new('--accounts', '--accounts', [CompletionResultType]::ParameterName, 'Keep the manifest in every account of this accounts file, each with its own credentials and variables')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only these accounts of the file: a name, a group, or a glob such as ''eu-*'' (repeatable)')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Only part K of N of the chosen accounts, by a stable hash of each name (for CI matrix jobs; adding an account never moves another)')
            [CompletionResult]::new('--parallel-accounts', '--parallel-accounts', [CompletionResultType]::ParameterName, 'Accounts worked on at once')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Delete subscriptions the manifest does not declare (only those it owns, when it sets `owner`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask; needed when there is no terminal to ask on')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask; needed when there is no terminal to ask on')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only show the plan (same as `plan`)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Go ahead even when a safety threshold is crossed (never past Copper''s limit of 100)')
            [CompletionResult]::new('--adopt', '--adopt', [CompletionResultType]::ParameterName, 'Take over the subscriptions the manifest matches that are not its own (made by hand, by another tool, or by another manifest), keeping their other secret keys and headers; without it (or `adopt = true` on the entry) such a plan is refused')
            [CompletionResult]::new('--skip-unresolved', '--skip-unresolved', [CompletionResultType]::ParameterName, 'Leave out (and name) accounts whose credentials or variables cannot be resolved, instead of stopping before any call')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;auth' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Ask for email and API key, check them with Copper, store them in the profile')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show which credentials are in use, where they come from, and whether Copper accepts them')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the profile''s stored credentials')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'copper-hooks;auth;login' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Store without checking with Copper first')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;auth;status' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;auth;logout' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;auth;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Ask for email and API key, check them with Copper, store them in the profile')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show which credentials are in use, where they come from, and whether Copper accepts them')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the profile''s stored credentials')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'copper-hooks;auth;help;login' {
            break
        }
        'copper-hooks;auth;help;status' {
            break
        }
        'copper-hooks;auth;help;logout' {
            break
        }
        'copper-hooks;auth;help;help' {
            break
        }
        'copper-hooks;trigger' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The receiver''s URL (http or https; your own, so any host)')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'Record ids: 1,2,3 or a range 1..75; more than 30 are split over notifications, as Copper does')
            [CompletionResult]::new('--attr', '--attr', [CompletionResultType]::ParameterName, 'A changed field of an update, FIELD=OLD,NEW (repeatable; values read as JSON when they are)')
            [CompletionResult]::new('--custom-field', '--custom-field', [CompletionResultType]::ParameterName, 'A changed custom field of an update, by id, ID=OLD,NEW (repeatable)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'A secret pair to echo in the body, as the subscription''s secret would be (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A header to send, as the subscription''s headers would be (repeatable)')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Send what this subscription would get: its type, event, target, secret and headers, read through the API (--to, --secret and --header override)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send the notifications this many times')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N notifications per SECONDS (with --count)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--allow-local-targets', '--allow-local-targets', [CompletionResultType]::ParameterName, 'With --subscription, also send to its target when that is an http receiver on loopback (without it, a target Copper would refuse gets nothing)')
            [CompletionResult]::new('--through-emulator', '--through-emulator', [CompletionResultType]::ParameterName, 'Tell the emulator at the API URL that these records changed instead: it delivers to every subscription for TYPE.EVENT, as Copper would')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;listen' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0 picks a free one; the address is printed first)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'The address to listen on instead of 127.0.0.1 (e.g. 0.0.0.0 in a container behind a TLS-terminating proxy); anything but loopback needs --allow-remote')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Only this path receives (others answer 404); every path when not given')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'A secret pair every delivery must echo (repeatable; or COPPER_HOOKS_LISTEN_SECRET, pairs apart by '';''); a mismatch is answered 401')
            [CompletionResult]::new('--hmac-header', '--hmac-header', [CompletionResultType]::ParameterName, 'The header that carries a hex HMAC-SHA256 of the raw body')
            [CompletionResult]::new('--hmac-secret', '--hmac-secret', [CompletionResultType]::ParameterName, 'The HMAC signing secret (or COPPER_HOOKS_HMAC_SECRET, so it stays out of argv)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Append every delivery (body, headers, verdict) to this file, as JSON lines, mode 0600, before anything else happens to it; secret and custom header values are taken out (`replay --secret/--header` puts them back); or COPPER_HOOKS_JOURNAL')
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'Pass every delivery on (raw body and headers) to your app at this URL, after it is journalled and answered; with --journal, a relay that loses nothing: each is synced before Copper gets its 200 and retried until the app takes it (--retry-for); or COPPER_HOOKS_FORWARD_TO')
            [CompletionResult]::new('--sign-secret', '--sign-secret', [CompletionResultType]::ParameterName, 'Sign each notification sent on to the app in the Standard Webhooks form (webhook-id, webhook-timestamp, webhook-signature) with this secret, written whsec_<base64> (or COPPER_HOOKS_SIGN_SECRET, so it stays out of argv); any standard library verifies it')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'With --journal and --forward-to: how long after its arrival a delivery is retried (backoff with jitter) before it is dead-lettered, e.g. 6h or 3d [default: 24h]')
            [CompletionResult]::new('--max-deliveries', '--max-deliveries', [CompletionResultType]::ParameterName, 'Stop after this many accepted deliveries (refused requests do not count)')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Connections open at once; more wait, unaccepted, in the kernel''s backlog until some end, and that is said (a tunnel makes the receiver reachable by anyone)')
            [CompletionResult]::new('--journal-max', '--journal-max', [CompletionResultType]::ParameterName, 'The journal''s largest size, e.g. 256MiB or 2GiB; past it deliveries are answered and printed but no longer journalled (a relay answers 503 instead), and that is said once')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow a --bind address other than loopback: anyone who can reach it can send deliveries, so check them (--secret, --hmac-header) and put TLS in front')
            [CompletionResult]::new('--journal-secrets', '--journal-secrets', [CompletionResultType]::ParameterName, 'Keep secret and header values in the journal as they came (then replay needs nothing back, and the file holds them)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;replay' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to send them (http or https)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only deliveries received at or after this time (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only deliveries of this type')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only deliveries of this event')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'A secret value to put back where the journal took it out (repeatable; or COPPER_HOOKS_REPLAY_SECRET, pairs apart by '';'')')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A header value to put back where the journal took it out (repeatable; or COPPER_HOOKS_REPLAY_HEADER, pairs apart by '';'')')
            [CompletionResult]::new('--hmac-header', '--hmac-header', [CompletionResultType]::ParameterName, 'The header that carries a hex HMAC-SHA256 of the raw body')
            [CompletionResult]::new('--hmac-secret', '--hmac-secret', [CompletionResultType]::ParameterName, 'The HMAC signing secret (or COPPER_HOOKS_HMAC_SECRET, so it stays out of argv)')
            [CompletionResult]::new('--sign-secret', '--sign-secret', [CompletionResultType]::ParameterName, 'Sign each notification sent on to the app in the Standard Webhooks form (webhook-id, webhook-timestamp, webhook-signature) with this secret, written whsec_<base64> (or COPPER_HOOKS_SIGN_SECRET, so it stays out of argv); any standard library verifies it')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--include-refused', '--include-refused', [CompletionResultType]::ParameterName, 'Also send requests listen refused that kept their body (from older journals), never with a secret filled in')
            [CompletionResult]::new('--dead', '--dead', [CompletionResultType]::ParameterName, 'Send only what a relay (listen --journal --forward-to) dead-lettered, as the relay forwards (same webhook-id), and mark each the app takes as forwarded, so a second replay sends nothing')
            [CompletionResult]::new('--pending', '--pending', [CompletionResultType]::ParameterName, 'Like --dead, for what the relay has not forwarded yet (while listen is stopped)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;reconcile' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'The window''s start: an RFC 3339 time (2026-12-07T09:00:00Z) or a span back from now (6h, 2d)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'The window''s end, as --since [default: now]')
            [CompletionResult]::new('--gaps-from', '--gaps-from', [CompletionResultType]::ParameterName, 'Take the windows from a journal: when listen was not running, and stretches with no accepted delivery of --gap or more')
            [CompletionResult]::new('--gap', '--gap', [CompletionResultType]::ParameterName, 'With --gaps-from: the shortest quiet stretch that is a gap')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to send the notifications: your relay (`listen --journal --forward-to`), which keeps, signs and retries them, or your app (http or https)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only records of this type (repeatable) [default: every type that can be searched]')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'Take the types and events from a manifest''s subscriptions')
            [CompletionResult]::new('--sign-secret', '--sign-secret', [CompletionResultType]::ParameterName, 'Sign each notification sent on to the app in the Standard Webhooks form (webhook-id, webhook-timestamp, webhook-signature) with this secret, written whsec_<base64> (or COPPER_HOOKS_SIGN_SECRET, so it stays out of argv); any standard library verifies it')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Search and count, send nothing')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;journal' {
            [CompletionResult]::new('--gap', '--gap', [CompletionResultType]::ParameterName, 'A stretch with no accepted delivery at least this long is a gap, e.g. 30m or 6h')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--compact', '--compact', [CompletionResultType]::ParameterName, 'Rewrite the journal keeping what a relay still needs (pending and dead deliveries whole, the rest as their times); stop listen first')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'For monitoring: exit 1, saying why in one line, when a delivery is dead-lettered or has been pending for --gap or more')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;test' {
            [CompletionResult]::new('--accounts', '--accounts', [CompletionResultType]::ParameterName, 'Keep the manifest in every account of this accounts file, each with its own credentials and variables')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only these accounts of the file: a name, a group, or a glob such as ''eu-*'' (repeatable)')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Only part K of N of the chosen accounts, by a stable hash of each name (for CI matrix jobs; adding an account never moves another)')
            [CompletionResult]::new('--parallel-accounts', '--parallel-accounts', [CompletionResultType]::ParameterName, 'Accounts worked on at once')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Send every notification to this URL instead of each target (a local receiver; http allowed)')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write the results as a JUnit XML report, which CI systems show natively')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Test the subscriptions on the account instead, with their real ids')
            [CompletionResult]::new('--skip-unresolved', '--skip-unresolved', [CompletionResultType]::ParameterName, 'Leave out (and name) accounts whose credentials or variables cannot be resolved, instead of stopping before any call')
            [CompletionResult]::new('--allow-local-targets', '--allow-local-targets', [CompletionResultType]::ParameterName, 'Also send to targets that are http receivers on loopback (an emulator''s); without it, a target Copper would refuse is a failed test and gets nothing')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;completions' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write every shell''s script into this folder instead')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write the page of every command into this folder instead of printing the main page')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;emulator' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on; port 0 picks a free port (the bound address is printed)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Keep the subscriptions in this file across restarts')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Delay every answer by this many milliseconds')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'Inject a fault: ''METHOD PATH KIND [xN] [if=TEXT] [email=EMAIL]'' (KIND: STATUS, html:STATUS, after:STATUS, slow:MS), e.g. ''POST /webhooks after:500''')
            [CompletionResult]::new('--other-client', '--other-client', [CompletionResultType]::ParameterName, 'Model another integration on the same account: spend this many calls of the rate limit per this many seconds, evenly (e.g. 60/60 leaves 120/60 of Copper''s 180)')
            [CompletionResult]::new('--deliver-to', '--deliver-to', [CompletionResultType]::ParameterName, 'Also send notifications to this host (or HOST:PORT), repeatable; by default only loopback receivers get them, so an applied production manifest sends nothing out')
            [CompletionResult]::new('--delivery-limit', '--delivery-limit', [CompletionResultType]::ParameterName, 'A limit on deliveries per account, N/SECONDS (repeatable; Copper''s: 600/60 and 1800/600, the default). Past it notifications wait, they are not dropped')
            [CompletionResult]::new('--delivery-delay', '--delivery-delay', [CompletionResultType]::ParameterName, 'Send each notification after a random wait of up to this long, in Copper''s time (e.g. 15m, Copper''s longest; 90s; 500ms)')
            [CompletionResult]::new('--delivery-time-scale', '--delivery-time-scale', [CompletionResultType]::ParameterName, 'Run the clock of deliveries N times faster than real time: delays and delivery-limit windows (60 turns a 15-minute delay into 15 seconds)')
            [CompletionResult]::new('--search-cap', '--search-cap', [CompletionResultType]::ParameterName, 'The records one search reaches at most, however it is paged (Copper''s is 100,000); smaller, a test sees reconcile slice its windows')
            [CompletionResult]::new('--rate-counts-at', '--rate-counts-at', [CompletionResultType]::ParameterName, 'When a call counts against --rate-limit: when it is answered (after --latency, a 429 as slow as any answer), or when it arrives (and a 429 comes at once); Copper does not say, so a client is tried against both')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Accept only this API key (default: any); COPPER_API_KEY is not read')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Accept only this user''s email (default: any); COPPER_USER_EMAIL is not read')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow a --listen address other than loopback (the admin routes have no authentication: anyone who can reach the address can read and change everything)')
            [CompletionResult]::new('--allow-http-targets', '--allow-http-targets', [CompletionResultType]::ParameterName, 'Accept http targets on loopback, so a local receiver gets deliveries (Copper itself never would)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;export' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Write to this file instead of stdout (an existing file is left alone unless --force)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'With --accounts: write one manifest per account, DIR/NAME.toml')
            [CompletionResult]::new('--adopt-as', '--adopt-as', [CompletionResultType]::ParameterName, 'Write entries ready to take the chosen subscriptions over under this owner: `owner` set to it and `adopt = true` on each (review, then apply; the next plan is in sync)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Only this subscription (repeatable)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only subscriptions of this record type (repeatable)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only subscriptions to this event (repeatable)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Only subscriptions to this target (repeatable)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only these accounts of the file: a name, a group, or a glob such as ''eu-*'' (repeatable)')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Only part K of N of the chosen accounts, by a stable hash of each name (for CI matrix jobs; adding an account never moves another)')
            [CompletionResult]::new('--parallel-accounts', '--parallel-accounts', [CompletionResultType]::ParameterName, 'Accounts worked on at once')
            [CompletionResult]::new('--accounts', '--accounts', [CompletionResultType]::ParameterName, 'Export every account of this accounts file (one manifest each, with --dir)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Copper API key [env: COPPER_API_KEY]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email of the API key''s owner [env: COPPER_USER_EMAIL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Stored profile to use [env: COPPER_PROFILE] [default: default]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (markdown: plan and apply only, for pull-request comments)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a call after a 429, 5xx or lost connection')
            [CompletionResult]::new('--include-secrets', '--include-secrets', [CompletionResultType]::ParameterName, 'Write secret values into the file instead of ${VAR} placeholders')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the --file (or the files in --dir) if they exist')
            [CompletionResult]::new('--skip-unresolved', '--skip-unresolved', [CompletionResultType]::ParameterName, 'Leave out (and name) accounts whose credentials or variables cannot be resolved, instead of stopping before any call')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in emulator, no Copper account needed; its state is kept in the user''s data folder (or COPPER_HOOKS_DATA_DIR)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret and header values instead of masking them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and requested data')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'copper-hooks;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the account''s subscriptions')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one subscription')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a subscription (Copper''s rules are checked first)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a subscription''s target, secret, headers or computed values')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete subscriptions')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check manifests offline: no credentials, no network')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what `apply` would change')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the account hold exactly what a manifest declares')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Store, check and remove credentials')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Send realistic Copper notifications to a receiver of yours (http allowed)')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive notifications on loopback, check each against Copper''s envelope, and journal them')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Send journalled notifications again, byte for byte')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'Catch up what never arrived: search the account for records changed in a window (or in a journal''s gaps) and send the app Copper''s notifications for them, marked as made up by a search')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'Say what a journal holds without starting anything: accepted, forwarded, pending and dead deliveries, the oldest pending, and the gaps a reconcile should cover')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send one test notification per subscription (of a manifest, or --live on the account) to its own target, and report how each target answered')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print or write the man pages')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Run a local Copper API for tests and pipelines (--rate-limit sets its 429 limit; --api-key and --email, when given, are the only ones it accepts)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the account''s subscriptions as a manifest')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'copper-hooks;help;list' {
            break
        }
        'copper-hooks;help;get' {
            break
        }
        'copper-hooks;help;create' {
            break
        }
        'copper-hooks;help;update' {
            break
        }
        'copper-hooks;help;delete' {
            break
        }
        'copper-hooks;help;validate' {
            break
        }
        'copper-hooks;help;plan' {
            break
        }
        'copper-hooks;help;apply' {
            break
        }
        'copper-hooks;help;auth' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Ask for email and API key, check them with Copper, store them in the profile')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show which credentials are in use, where they come from, and whether Copper accepts them')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the profile''s stored credentials')
            break
        }
        'copper-hooks;help;auth;login' {
            break
        }
        'copper-hooks;help;auth;status' {
            break
        }
        'copper-hooks;help;auth;logout' {
            break
        }
        'copper-hooks;help;trigger' {
            break
        }
        'copper-hooks;help;listen' {
            break
        }
        'copper-hooks;help;replay' {
            break
        }
        'copper-hooks;help;reconcile' {
            break
        }
        'copper-hooks;help;journal' {
            break
        }
        'copper-hooks;help;test' {
            break
        }
        'copper-hooks;help;completions' {
            break
        }
        'copper-hooks;help;man' {
            break
        }
        'copper-hooks;help;emulator' {
            break
        }
        'copper-hooks;help;export' {
            break
        }
        'copper-hooks;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
