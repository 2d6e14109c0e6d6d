# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_copper_hooks_global_optspecs
    string join \n api-key= email= api-url= profile= config-dir= sandbox o/output= show-secrets q/quiet v/verbose timeout= deadline= rate-limit= retries= h/help V/version
end

function __fish_copper_hooks_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_copper_hooks_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_copper_hooks_using_subcommand
    set -l cmd (__fish_copper_hooks_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "list" -d 'List the account\'s subscriptions'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "get" -d 'Show one subscription'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "create" -d 'Create a subscription (Copper\'s rules are checked first)'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "update" -d 'Change a subscription\'s target, secret, headers or computed values'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "delete" -d 'Delete subscriptions'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "validate" -d 'Check manifests offline: no credentials, no network'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "plan" -d 'Show what `apply` would change'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "apply" -d 'Make the account hold exactly what a manifest declares'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "auth" -d 'Store, check and remove credentials'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "trigger" -d 'Send realistic Copper notifications to a receiver of yours (http allowed)'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "listen" -d 'Receive notifications on loopback, check each against Copper\'s envelope, and journal them'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "replay" -d 'Send journalled notifications again, byte for byte'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "reconcile" -d 'Catch up what never arrived: search the account for records changed in a window (or in a journal\'s gaps) and send the app Copper\'s notifications for them, marked as made up by a search'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "journal" -d 'Say what a journal holds without starting anything: accepted, forwarded, pending and dead deliveries, the oldest pending, and the gaps a reconcile should cover'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "test" -d 'Send one test notification per subscription (of a manifest, or --live on the account) to its own target, and report how each target answered'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "man" -d 'Print or write the man pages'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "emulator" -d 'Run a local Copper API for tests and pipelines (--rate-limit sets its 429 limit; --api-key and --email, when given, are the only ones it accepts)'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "export" -d 'Write the account\'s subscriptions as a manifest'
complete -c copper-hooks -n "__fish_copper_hooks_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l type -d 'Only subscriptions of this type' -r -f -a "lead\t''
person\t''
company\t''
opportunity\t''
project\t''
task\t''
activity_log\t''"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l event -d 'Only subscriptions for this event' -r -f -a "new\t''
update\t''
delete\t''"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l wide -d 'Every column, however wide the terminal (lines may wrap)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand list" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand get" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l target -d 'Where Copper delivers: an external https:// URL' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l type -d 'Record type' -r -f -a "lead\t''
person\t''
company\t''
opportunity\t''
project\t''
task\t''
activity_log\t''"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l event -d 'Event' -r -f -a "new\t''
update\t''
delete\t''"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l secret -d 'A secret pair Copper echoes in every delivery (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l header -d 'A header Copper sends with every delivery (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l computed-values -d 'Send dropdown values as names instead of option ids'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l allow-duplicate -d 'Create even when the same type, event and target is already subscribed (every delivery would then arrive twice)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand create" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l target -d 'New target: an external https:// URL' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l secret -d 'Replace the secret with these pairs (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l header -d 'Replace the headers with these pairs (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l type -d 'Not changeable: Copper fixes a subscription\'s type when it is created' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l event -d 'Not changeable: Copper fixes a subscription\'s event when it is created' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l clear-secret -d 'Remove the secret'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l clear-headers -d 'Remove the headers'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l computed-values -d 'Send dropdown values as names'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l no-computed-values -d 'Send dropdown values as option ids'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l allow-duplicate -d 'Move the target even when the same type, event and target is already subscribed'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand update" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -s y -l yes -d 'Do not ask; needed when there is no terminal to ask on'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand delete" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l accounts -d 'Also check this accounts file, and each manifest with every account\'s variables' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l account -d 'Only these accounts of the file: a name, a group, or a glob (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l skip-env -d 'Do not require ${VAR}s to be set (for pre-merge checks that have no secrets)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand validate" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l markdown-file -d 'Also write this plan as Markdown to FILE (the same plan, from the same list call)' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l json-file -d 'Also write this plan as JSON to FILE (the same plan, from the same list call)' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l max-delete-percent -d 'Refuse to delete more than this percentage of existing subscriptions' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l delete-threshold-min -d 'The percentage rule applies from this many existing subscriptions on' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l max-delete-accounts-percent -d 'With an accounts file of 4 or more chosen accounts: refuse a plan that deletes in more than this percentage of them at once' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l accounts -d 'Keep the manifest in every account of this accounts file, each with its own credentials and variables' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l account -d 'Only these accounts of the file: a name, a group, or a glob such as \'eu-*\' (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l shard -d 'Only part K of N of the chosen accounts, by a stable hash of each name (for CI matrix jobs; adding an account never moves another)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l parallel-accounts -d 'Accounts worked on at once' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l prune -d 'Delete subscriptions the manifest does not declare (only those it owns, when it sets `owner`)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l detailed-exitcode -d 'Exit 2 when there are changes, 3 when apply would refuse the plan, 0 when in sync'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l force -d 'Go ahead even when a safety threshold is crossed (never past Copper\'s limit of 100)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l adopt -d 'Take over the subscriptions the manifest matches that are not its own (made by hand, by another tool, or by another manifest), keeping their other secret keys and headers; without it (or `adopt = true` on the entry) such a plan is refused'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l skip-unresolved -d 'Leave out (and name) accounts whose credentials or variables cannot be resolved, instead of stopping before any call'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand plan" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l expect-checksum -d 'Refuse unless the plan\'s checksum is this one (from a reviewed `plan`); with an accounts file, the whole fleet\'s, or NAME=SUM per account (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l max-delete-percent -d 'Refuse to delete more than this percentage of existing subscriptions' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l delete-threshold-min -d 'The percentage rule applies from this many existing subscriptions on' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l max-delete-accounts-percent -d 'With an accounts file of 4 or more chosen accounts: refuse a plan that deletes in more than this percentage of them at once' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l concurrency -d 'Calls in flight at once' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l accounts -d 'Keep the manifest in every account of this accounts file, each with its own credentials and variables' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l account -d 'Only these accounts of the file: a name, a group, or a glob such as \'eu-*\' (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l shard -d 'Only part K of N of the chosen accounts, by a stable hash of each name (for CI matrix jobs; adding an account never moves another)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l parallel-accounts -d 'Accounts worked on at once' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l prune -d 'Delete subscriptions the manifest does not declare (only those it owns, when it sets `owner`)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -s y -l yes -d 'Do not ask; needed when there is no terminal to ask on'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l dry-run -d 'Only show the plan (same as `plan`)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l force -d 'Go ahead even when a safety threshold is crossed (never past Copper\'s limit of 100)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l adopt -d 'Take over the subscriptions the manifest matches that are not its own (made by hand, by another tool, or by another manifest), keeping their other secret keys and headers; without it (or `adopt = true` on the entry) such a plan is refused'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l skip-unresolved -d 'Leave out (and name) accounts whose credentials or variables cannot be resolved, instead of stopping before any call'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand apply" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "login" -d 'Ask for email and API key, check them with Copper, store them in the profile'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "status" -d 'Show which credentials are in use, where they come from, and whether Copper accepts them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "logout" -d 'Remove the profile\'s stored credentials'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-verify -d 'Store without checking with Copper first'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Ask for email and API key, check them with Copper, store them in the profile'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show which credentials are in use, where they come from, and whether Copper accepts them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Remove the profile\'s stored credentials'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l to -d 'The receiver\'s URL (http or https; your own, so any host)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l ids -d 'Record ids: 1,2,3 or a range 1..75; more than 30 are split over notifications, as Copper does' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l attr -d 'A changed field of an update, FIELD=OLD,NEW (repeatable; values read as JSON when they are)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l custom-field -d 'A changed custom field of an update, by id, ID=OLD,NEW (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l secret -d 'A secret pair to echo in the body, as the subscription\'s secret would be (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l header -d 'A header to send, as the subscription\'s headers would be (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l subscription -d 'Send what this subscription would get: its type, event, target, secret and headers, read through the API (--to, --secret and --header override)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l count -d 'Send the notifications this many times' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l rate -d 'At most N notifications per SECONDS (with --count)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l allow-local-targets -d 'With --subscription, also send to its target when that is an http receiver on loopback (without it, a target Copper would refuse gets nothing)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l through-emulator -d 'Tell the emulator at the API URL that these records changed instead: it delivers to every subscription for TYPE.EVENT, as Copper would'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand trigger" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l port -d 'Port on 127.0.0.1 (0 picks a free one; the address is printed first)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l bind -d 'The address to listen on instead of 127.0.0.1 (e.g. 0.0.0.0 in a container behind a TLS-terminating proxy); anything but loopback needs --allow-remote' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l path -d 'Only this path receives (others answer 404); every path when not given' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l secret -d 'A secret pair every delivery must echo (repeatable; or COPPER_HOOKS_LISTEN_SECRET, pairs apart by \';\'); a mismatch is answered 401' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l hmac-header -d 'The header that carries a hex HMAC-SHA256 of the raw body' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l hmac-secret -d 'The HMAC signing secret (or COPPER_HOOKS_HMAC_SECRET, so it stays out of argv)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l journal -d 'Append every delivery (body, headers, verdict) to this file, as JSON lines, mode 0600, before anything else happens to it; secret and custom header values are taken out (`replay --secret/--header` puts them back); or COPPER_HOOKS_JOURNAL' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l forward-to -d 'Pass every delivery on (raw body and headers) to your app at this URL, after it is journalled and answered; with --journal, a relay that loses nothing: each is synced before Copper gets its 200 and retried until the app takes it (--retry-for); or COPPER_HOOKS_FORWARD_TO' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l sign-secret -d 'Sign each notification sent on to the app in the Standard Webhooks form (webhook-id, webhook-timestamp, webhook-signature) with this secret, written whsec_<base64> (or COPPER_HOOKS_SIGN_SECRET, so it stays out of argv); any standard library verifies it' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l retry-for -d 'With --journal and --forward-to: how long after its arrival a delivery is retried (backoff with jitter) before it is dead-lettered, e.g. 6h or 3d [default: 24h]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l max-deliveries -d 'Stop after this many accepted deliveries (refused requests do not count)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l max-connections -d 'Connections open at once; more wait, unaccepted, in the kernel\'s backlog until some end, and that is said (a tunnel makes the receiver reachable by anyone)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l journal-max -d 'The journal\'s largest size, e.g. 256MiB or 2GiB; past it deliveries are answered and printed but no longer journalled (a relay answers 503 instead), and that is said once' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l allow-remote -d 'Allow a --bind address other than loopback: anyone who can reach it can send deliveries, so check them (--secret, --hmac-header) and put TLS in front'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l journal-secrets -d 'Keep secret and header values in the journal as they came (then replay needs nothing back, and the file holds them)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand listen" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l to -d 'Where to send them (http or https)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l since -d 'Only deliveries received at or after this time (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l type -d 'Only deliveries of this type' -r -f -a "lead\t''
person\t''
company\t''
opportunity\t''
project\t''
task\t''
activity_log\t''"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l event -d 'Only deliveries of this event' -r -f -a "new\t''
update\t''
delete\t''"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l secret -d 'A secret value to put back where the journal took it out (repeatable; or COPPER_HOOKS_REPLAY_SECRET, pairs apart by \';\')' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l header -d 'A header value to put back where the journal took it out (repeatable; or COPPER_HOOKS_REPLAY_HEADER, pairs apart by \';\')' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l hmac-header -d 'The header that carries a hex HMAC-SHA256 of the raw body' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l hmac-secret -d 'The HMAC signing secret (or COPPER_HOOKS_HMAC_SECRET, so it stays out of argv)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l sign-secret -d 'Sign each notification sent on to the app in the Standard Webhooks form (webhook-id, webhook-timestamp, webhook-signature) with this secret, written whsec_<base64> (or COPPER_HOOKS_SIGN_SECRET, so it stays out of argv); any standard library verifies it' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l include-refused -d 'Also send requests listen refused that kept their body (from older journals), never with a secret filled in'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l dead -d 'Send only what a relay (listen --journal --forward-to) dead-lettered, as the relay forwards (same webhook-id), and mark each the app takes as forwarded, so a second replay sends nothing'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l pending -d 'Like --dead, for what the relay has not forwarded yet (while listen is stopped)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -s h -l help -d 'Print help'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand replay" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l since -d 'The window\'s start: an RFC 3339 time (2026-12-07T09:00:00Z) or a span back from now (6h, 2d)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l until -d 'The window\'s end, as --since [default: now]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l gaps-from -d 'Take the windows from a journal: when listen was not running, and stretches with no accepted delivery of --gap or more' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l gap -d 'With --gaps-from: the shortest quiet stretch that is a gap' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l to -d 'Where to send the notifications: your relay (`listen --journal --forward-to`), which keeps, signs and retries them, or your app (http or https)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l type -d 'Only records of this type (repeatable) [default: every type that can be searched]' -r -f -a "lead\t''
person\t''
company\t''
opportunity\t''
project\t''
task\t''
activity_log\t''"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l manifest -d 'Take the types and events from a manifest\'s subscriptions' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l sign-secret -d 'Sign each notification sent on to the app in the Standard Webhooks form (webhook-id, webhook-timestamp, webhook-signature) with this secret, written whsec_<base64> (or COPPER_HOOKS_SIGN_SECRET, so it stays out of argv); any standard library verifies it' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l dry-run -d 'Search and count, send nothing'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand reconcile" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l gap -d 'A stretch with no accepted delivery at least this long is a gap, e.g. 30m or 6h' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l compact -d 'Rewrite the journal keeping what a relay still needs (pending and dead deliveries whole, the rest as their times); stop listen first'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l check -d 'For monitoring: exit 1, saying why in one line, when a delivery is dead-lettered or has been pending for --gap or more'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand journal" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l accounts -d 'Keep the manifest in every account of this accounts file, each with its own credentials and variables' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l account -d 'Only these accounts of the file: a name, a group, or a glob such as \'eu-*\' (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l shard -d 'Only part K of N of the chosen accounts, by a stable hash of each name (for CI matrix jobs; adding an account never moves another)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l parallel-accounts -d 'Accounts worked on at once' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l to -d 'Send every notification to this URL instead of each target (a local receiver; http allowed)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l junit -d 'Also write the results as a JUnit XML report, which CI systems show natively' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l live -d 'Test the subscriptions on the account instead, with their real ids'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l skip-unresolved -d 'Leave out (and name) accounts whose credentials or variables cannot be resolved, instead of stopping before any call'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l allow-local-targets -d 'Also send to targets that are http receivers on loopback (an emulator\'s); without it, a target Copper would refuse is a failed test and gets nothing'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand test" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -l dir -d 'Write every shell\'s script into this folder instead' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -s h -l help -d 'Print help'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand completions" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -l dir -d 'Write the page of every command into this folder instead of printing the main page' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -s h -l help -d 'Print help'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand man" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l listen -d 'Address to listen on; port 0 picks a free port (the bound address is printed)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l state -d 'Keep the subscriptions in this file across restarts' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l latency -d 'Delay every answer by this many milliseconds' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l fault -d 'Inject a fault: \'METHOD PATH KIND [xN] [if=TEXT] [email=EMAIL]\' (KIND: STATUS, html:STATUS, after:STATUS, slow:MS), e.g. \'POST /webhooks after:500\'' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l other-client -d 'Model another integration on the same account: spend this many calls of the rate limit per this many seconds, evenly (e.g. 60/60 leaves 120/60 of Copper\'s 180)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l deliver-to -d 'Also send notifications to this host (or HOST:PORT), repeatable; by default only loopback receivers get them, so an applied production manifest sends nothing out' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l delivery-limit -d 'A limit on deliveries per account, N/SECONDS (repeatable; Copper\'s: 600/60 and 1800/600, the default). Past it notifications wait, they are not dropped' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l delivery-delay -d 'Send each notification after a random wait of up to this long, in Copper\'s time (e.g. 15m, Copper\'s longest; 90s; 500ms)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l delivery-time-scale -d 'Run the clock of deliveries N times faster than real time: delays and delivery-limit windows (60 turns a 15-minute delay into 15 seconds)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l search-cap -d 'The records one search reaches at most, however it is paged (Copper\'s is 100,000); smaller, a test sees reconcile slice its windows' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l rate-counts-at -d 'When a call counts against --rate-limit: when it is answered (after --latency, a 429 as slow as any answer), or when it arrives (and a 429 comes at once); Copper does not say, so a client is tried against both' -r -f -a "arrival\t''
answer\t''"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l api-key -d 'Accept only this API key (default: any); COPPER_API_KEY is not read' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l email -d 'Accept only this user\'s email (default: any); COPPER_USER_EMAIL is not read' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l allow-remote -d 'Allow a --listen address other than loopback (the admin routes have no authentication: anyone who can reach the address can read and change everything)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l allow-http-targets -d 'Accept http targets on loopback, so a local receiver gets deliveries (Copper itself never would)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -s h -l help -d 'Print help'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand emulator" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l file -d 'Write to this file instead of stdout (an existing file is left alone unless --force)' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l dir -d 'With --accounts: write one manifest per account, DIR/NAME.toml' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l adopt-as -d 'Write entries ready to take the chosen subscriptions over under this owner: `owner` set to it and `adopt = true` on each (review, then apply; the next plan is in sync)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l id -d 'Only this subscription (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l type -d 'Only subscriptions of this record type (repeatable)' -r -f -a "lead\t''
person\t''
company\t''
opportunity\t''
project\t''
task\t''
activity_log\t''"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l event -d 'Only subscriptions to this event (repeatable)' -r -f -a "new\t''
update\t''
delete\t''"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l target -d 'Only subscriptions to this target (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l account -d 'Only these accounts of the file: a name, a group, or a glob such as \'eu-*\' (repeatable)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l shard -d 'Only part K of N of the chosen accounts, by a stable hash of each name (for CI matrix jobs; adding an account never moves another)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l parallel-accounts -d 'Accounts worked on at once' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l accounts -d 'Export every account of this accounts file (one manifest each, with --dir)' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l api-key -d 'Copper API key [env: COPPER_API_KEY]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l email -d 'Email of the API key\'s owner [env: COPPER_USER_EMAIL]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l api-url -d 'API root; http only for loopback hosts [env: COPPER_API_URL] [default: https://api.copper.com/developer_api/v1]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l profile -d 'Stored profile to use [env: COPPER_PROFILE] [default: default]' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l config-dir -d 'Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]' -r -F
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -s o -l output -d 'Output format (markdown: plan and apply only, for pull-request comments)' -r -f -a "table\t'Tables and sentences for people'
json\t'One stable JSON document for scripts'
markdown\t'A plan as Markdown, for a pull-request comment'"
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l timeout -d 'Seconds to wait for each answer' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l deadline -d 'Seconds one command may spend in all, waits and retries included, before it stops with an error (rerunning picks up where it stopped)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l rate-limit -d 'Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for `emulator`: the most it accepts before answering 429)' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l retries -d 'Retries of a call after a 429, 5xx or lost connection' -r
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l include-secrets -d 'Write secret values into the file instead of ${VAR} placeholders'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l force -d 'Replace the --file (or the files in --dir) if they exist'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l skip-unresolved -d 'Leave out (and name) accounts whose credentials or variables cannot be resolved, instead of stopping before any call'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l sandbox -d 'Run against a built-in emulator, no Copper account needed; its state is kept in the user\'s data folder (or COPPER_HOOKS_DATA_DIR)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -l show-secrets -d 'Show secret and header values instead of masking them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -s q -l quiet -d 'Print only errors and requested data'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -s v -l verbose -d 'Trace each API call (method, URL, status, time) on stderr; never keys or secrets'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand export" -s V -l version -d 'Print version'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "list" -d 'List the account\'s subscriptions'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "get" -d 'Show one subscription'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "create" -d 'Create a subscription (Copper\'s rules are checked first)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "update" -d 'Change a subscription\'s target, secret, headers or computed values'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "delete" -d 'Delete subscriptions'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "validate" -d 'Check manifests offline: no credentials, no network'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "plan" -d 'Show what `apply` would change'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "apply" -d 'Make the account hold exactly what a manifest declares'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "auth" -d 'Store, check and remove credentials'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "trigger" -d 'Send realistic Copper notifications to a receiver of yours (http allowed)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "listen" -d 'Receive notifications on loopback, check each against Copper\'s envelope, and journal them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "replay" -d 'Send journalled notifications again, byte for byte'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "reconcile" -d 'Catch up what never arrived: search the account for records changed in a window (or in a journal\'s gaps) and send the app Copper\'s notifications for them, marked as made up by a search'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "journal" -d 'Say what a journal holds without starting anything: accepted, forwarded, pending and dead deliveries, the oldest pending, and the gaps a reconcile should cover'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "test" -d 'Send one test notification per subscription (of a manifest, or --live on the account) to its own target, and report how each target answered'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "completions" -d 'Print a shell completion script'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "man" -d 'Print or write the man pages'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "emulator" -d 'Run a local Copper API for tests and pipelines (--rate-limit sets its 429 limit; --api-key and --email, when given, are the only ones it accepts)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "export" -d 'Write the account\'s subscriptions as a manifest'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and not __fish_seen_subcommand_from list get create update delete validate plan apply auth trigger listen replay reconcile journal test completions man emulator export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Ask for email and API key, check them with Copper, store them in the profile'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show which credentials are in use, where they come from, and whether Copper accepts them'
complete -c copper-hooks -n "__fish_copper_hooks_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Remove the profile\'s stored credentials'
