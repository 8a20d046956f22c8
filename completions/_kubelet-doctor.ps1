
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kubelet-doctor' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kubelet-doctor'
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
        'kubelet-doctor' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use [default: the kubeconfig''s current-context]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'Exit 0 even when problems are found (still 2 when the job could not be done)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('nodes', 'nodes', [CompletionResultType]::ParameterValue, 'Dump every node''s object as YAML, or summarise node health (-o table)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Check a kubelet configuration before the kubelet does: lint files or live nodes')
            [CompletionResult]::new('healthz', 'healthz', [CompletionResultType]::ParameterValue, 'Is the kubelet alive? Probe its healthz here, or on nodes through the API server')
            [CompletionResult]::new('images', 'images', [CompletionResultType]::ParameterValue, 'Every pod stuck on an image, with the root cause and the fix')
            [CompletionResult]::new('pressure', 'pressure', [CompletionResultType]::ParameterValue, 'How close each node is to evicting pods or collecting images, and who goes first')
            [CompletionResult]::new('probes', 'probes', [CompletionResultType]::ParameterValue, 'Every failing liveness, readiness and startup probe, with the cause and the fix')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Why is the kubelet on this node not working? A verdict, the cause, the evidence, the fix')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubelet-doctor;nodes' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only nodes whose labels match this selector (`=`, `==`, `!=`, `in`, `notin`, `key`, `!key`)')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Only nodes whose labels match this selector (`=`, `==`, `!=`, `in`, `notin`, `key`, `!key`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Write one file per node, DIR/<node>.yaml (or .json with -o json), atomically, instead of printing')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'How many nodes to ask the API server for per page')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use [default: the kubeconfig''s current-context]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--show-managed-fields', '--show-managed-fields', [CompletionResultType]::ParameterName, 'Keep metadata.managedFields in dumps (stripped by default, as kubectl does)')
            [CompletionResult]::new('--problems', '--problems', [CompletionResultType]::ParameterName, 'Only nodes that have a problem; the exit status is then 1 if any is shown')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'Exit 0 even when problems are found (still 2 when the job could not be done)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubelet-doctor;config' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use [default: the kubeconfig''s current-context]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'Exit 0 even when problems are found (still 2 when the job could not be done)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Lint kubelet config files (or a node''s live config) with the kubelet''s own checks')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule `config lint` applies: code, name, severity, summary')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubelet-doctor;config;lint' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Report format (the same whether or not stdout is a terminal)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Report format (the same whether or not stdout is a terminal)')
            [CompletionResult]::new('--select', '--select', [CompletionResultType]::ParameterName, 'Only these rules: codes (KL401), prefixes (KL4) or names (anonymous-auth-enabled), comma-separated, repeatable')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Not these rules: codes, prefixes or names, comma-separated, repeatable; wins over --select')
            [CompletionResult]::new('--kubelet-version', '--kubelet-version', [CompletionResultType]::ParameterName, 'Apply the rules of this kubelet release, 1.31 to 1.36 (also v1.33.2) [default: the newest; for live configs, the version each node reports]')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print what a rule (code or name) checks and why, then exit')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Lint the live config of this node''s kubelet (its /configz, via the API server''s node proxy)')
            [CompletionResult]::new('--diff', '--diff', [CompletionResultType]::ParameterName, 'With --node: show how this file differs from what the kubelet really runs, instead of linting')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'With --all-nodes: only nodes whose labels match this selector')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'With --all-nodes: only nodes whose labels match this selector')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'With --all-nodes: how many kubelets to ask at once')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use [default: the kubeconfig''s current-context]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Warnings fail too (exit status 1), not only errors')
            [CompletionResult]::new('--all-nodes', '--all-nodes', [CompletionResultType]::ParameterName, 'Lint the live config of every node''s kubelet, grouping identical findings')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'Exit 0 even when problems are found (still 2 when the job could not be done)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubelet-doctor;config;rules' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use [default: the kubeconfig''s current-context]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'Exit 0 even when problems are found (still 2 when the job could not be done)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubelet-doctor;config;help' {
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Lint kubelet config files (or a node''s live config) with the kubelet''s own checks')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule `config lint` applies: code, name, severity, summary')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubelet-doctor;config;help;lint' {
            break
        }
        'kubelet-doctor;config;help;rules' {
            break
        }
        'kubelet-doctor;config;help;help' {
            break
        }
        'kubelet-doctor;healthz' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Probe the nodes whose labels match this selector')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Probe the nodes whose labels match this selector')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'How many kubelets to probe at once')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Kubelet config file to read healthzBindAddress and healthzPort from')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Probe this URL instead (e.g. http://127.0.0.1:10248/healthz)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one probe after this long: 3s, 500ms, a number of seconds')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Ask again every second until healthy or this long has passed (exit 1 at the deadline)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use [default: the kubeconfig''s current-context]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--all-nodes', '--all-nodes', [CompletionResultType]::ParameterName, 'Probe every node''s kubelet')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'Exit 0 even when problems are found (still 2 when the job could not be done)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubelet-doctor;images' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Only pods in this namespace [default: all namespaces]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Only pods in this namespace [default: all namespaces]')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only pods whose labels match this selector (app=web,tier!=cache)')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Only pods whose labels match this selector (app=web,tier!=cache)')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Only pods scheduled on this node (field selector spec.nodeName=NAME): for use on a node')
            [CompletionResult]::new('--group-by', '--group-by', [CompletionResultType]::ParameterName, 'One row per cause, image, registry, node or namespace instead of one per container')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'How many pods (and events) to ask the API server for per page')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use [default: the kubeconfig''s current-context]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Pods in every namespace (the default; for kubectl habits)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Pods in every namespace (the default; for kubectl habits)')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'Exit 0 even when problems are found (still 2 when the job could not be done)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubelet-doctor;pressure' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only the nodes whose labels match this selector')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Only the nodes whose labels match this selector')
            [CompletionResult]::new('--margin', '--margin', [CompletionResultType]::ParameterName, 'Headroom under this many percentage points of a signal''s capacity is "near": 5, 2.5%')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'How many kubelets to read at once')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one kubelet request after this long: 10s, 500ms, a number of seconds')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'How many nodes (and pods) to ask the API server for per page')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use [default: the kubeconfig''s current-context]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--problems', '--problems', [CompletionResultType]::ParameterName, 'Show only nodes near or past a threshold, or not measured (the exit status still counts every node)')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'Exit 0 even when problems are found (still 2 when the job could not be done)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubelet-doctor;probes' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Only pods in this namespace [default: all namespaces]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Only pods in this namespace [default: all namespaces]')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only pods whose labels match this selector (app=web,tier!=cache)')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Only pods whose labels match this selector (app=web,tier!=cache)')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Only pods scheduled on this node (field selector spec.nodeName=NAME): for use on a node')
            [CompletionResult]::new('--group-by', '--group-by', [CompletionResultType]::ParameterName, 'One row per cause, namespace, node or workload instead of one per probe')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'How many pods (and events) to ask the API server for per page')
            [CompletionResult]::new('--lint', '--lint', [CompletionResultType]::ParameterName, 'Lint the probe specs running in the scope (one pod per workload) with the rules of `probes lint`, in FORMAT [default: full]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use [default: the kubeconfig''s current-context]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Pods in every namespace (the default; for kubectl habits)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Pods in every namespace (the default; for kubectl habits)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'With --lint: warnings fail too (exit status 1), not only errors')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'Exit 0 even when problems are found (still 2 when the job could not be done)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Lint probe specs in manifests: ports, schemes, windows, timeouts, liveness pitfalls')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubelet-doctor;probes;lint' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Report format (the same whether or not stdout is a terminal)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Report format (the same whether or not stdout is a terminal)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use [default: the kubeconfig''s current-context]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Warnings fail too (exit status 1), not only errors')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'Exit 0 even when problems are found (still 2 when the job could not be done)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubelet-doctor;probes;help' {
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Lint probe specs in manifests: ports, schemes, windows, timeouts, liveness pitfalls')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubelet-doctor;probes;help;lint' {
            break
        }
        'kubelet-doctor;probes;help;help' {
            break
        }
        'kubelet-doctor;status' {
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'Analyse a bundle directory (written by --collect, or by hand) instead of this node')
            [CompletionResult]::new('--collect', '--collect', [CompletionResultType]::ParameterName, 'Write what was gathered on this node to DIR (a new directory), for a ticket; then analyse it')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Read host files under DIR (the host''s / mounted in a container or debug pod, e.g. /host)')
            [CompletionResult]::new('--unit', '--unit', [CompletionResultType]::ParameterName, 'The systemd unit that runs the kubelet [default: the first loaded of kubelet, k3s, k3s-agent, rke2-server, rke2-agent, snap.microk8s.daemon-kubelite]')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Read the journal from this long ago (30m, 2h); with --node/--all-nodes, the node log query''s sinceTime (still at most its last 5000 lines) [default: the last 50,000 lines here, 5000 remotely]')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Judge this node through the API server instead (its Node, Lease and, where the kubelet answers system log queries, its journal); repeatable')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'With --all-nodes: only nodes whose labels match this selector')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'With --all-nodes: only nodes whose labels match this selector')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'How many nodes to ask at once')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one node''s request (API view, then journal) after this long')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use [default: the kubeconfig''s current-context]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--all-nodes', '--all-nodes', [CompletionResultType]::ParameterName, 'Judge every node through the API server, grouped by cause')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no report and no warnings; only errors and the exit status tell the result')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'Exit 0 even when problems are found (still 2 when the job could not be done)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubelet-doctor;help' {
            [CompletionResult]::new('nodes', 'nodes', [CompletionResultType]::ParameterValue, 'Dump every node''s object as YAML, or summarise node health (-o table)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Check a kubelet configuration before the kubelet does: lint files or live nodes')
            [CompletionResult]::new('healthz', 'healthz', [CompletionResultType]::ParameterValue, 'Is the kubelet alive? Probe its healthz here, or on nodes through the API server')
            [CompletionResult]::new('images', 'images', [CompletionResultType]::ParameterValue, 'Every pod stuck on an image, with the root cause and the fix')
            [CompletionResult]::new('pressure', 'pressure', [CompletionResultType]::ParameterValue, 'How close each node is to evicting pods or collecting images, and who goes first')
            [CompletionResult]::new('probes', 'probes', [CompletionResultType]::ParameterValue, 'Every failing liveness, readiness and startup probe, with the cause and the fix')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Why is the kubelet on this node not working? A verdict, the cause, the evidence, the fix')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubelet-doctor;help;nodes' {
            break
        }
        'kubelet-doctor;help;config' {
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Lint kubelet config files (or a node''s live config) with the kubelet''s own checks')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule `config lint` applies: code, name, severity, summary')
            break
        }
        'kubelet-doctor;help;config;lint' {
            break
        }
        'kubelet-doctor;help;config;rules' {
            break
        }
        'kubelet-doctor;help;healthz' {
            break
        }
        'kubelet-doctor;help;images' {
            break
        }
        'kubelet-doctor;help;pressure' {
            break
        }
        'kubelet-doctor;help;probes' {
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Lint probe specs in manifests: ports, schemes, windows, timeouts, liveness pitfalls')
            break
        }
        'kubelet-doctor;help;probes;lint' {
            break
        }
        'kubelet-doctor;help;status' {
            break
        }
        'kubelet-doctor;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
