
use builtin;
use str;

set edit:completion:arg-completer[kubelet-doctor] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'kubelet-doctor'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'kubelet-doctor'= {
            cand --kubeconfig 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]'
            cand --context 'The kubeconfig context to use [default: the kubeconfig''s current-context]'
            cand --request-timeout 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never'
            cand --color 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -v 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand --verbose 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand nodes 'Dump every node''s object as YAML, or summarise node health (-o table)'
            cand config 'Check a kubelet configuration before the kubelet does: lint files or live nodes'
            cand healthz 'Is the kubelet alive? Probe its healthz here, or on nodes through the API server'
            cand images 'Every pod stuck on an image, with the root cause and the fix'
            cand pressure 'How close each node is to evicting pods or collecting images, and who goes first'
            cand probes 'Every failing liveness, readiness and startup probe, with the cause and the fix'
            cand status 'Why is the kubelet on this node not working? A verdict, the cause, the evidence, the fix'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubelet-doctor;nodes'= {
            cand -l 'Only nodes whose labels match this selector (`=`, `==`, `!=`, `in`, `notin`, `key`, `!key`)'
            cand --selector 'Only nodes whose labels match this selector (`=`, `==`, `!=`, `in`, `notin`, `key`, `!key`)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --output-dir 'Write one file per node, DIR/<node>.yaml (or .json with -o json), atomically, instead of printing'
            cand --chunk-size 'How many nodes to ask the API server for per page'
            cand --kubeconfig 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]'
            cand --context 'The kubeconfig context to use [default: the kubeconfig''s current-context]'
            cand --request-timeout 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never'
            cand --color 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on'
            cand --show-managed-fields 'Keep metadata.managedFields in dumps (stripped by default, as kubectl does)'
            cand --problems 'Only nodes that have a problem; the exit status is then 1 if any is shown'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -v 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand --verbose 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kubelet-doctor;config'= {
            cand --kubeconfig 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]'
            cand --context 'The kubeconfig context to use [default: the kubeconfig''s current-context]'
            cand --request-timeout 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never'
            cand --color 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -v 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand --verbose 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand lint 'Lint kubelet config files (or a node''s live config) with the kubelet''s own checks'
            cand rules 'List every rule `config lint` applies: code, name, severity, summary'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubelet-doctor;config;lint'= {
            cand -o 'Report format (the same whether or not stdout is a terminal)'
            cand --output-format 'Report format (the same whether or not stdout is a terminal)'
            cand --select 'Only these rules: codes (KL401), prefixes (KL4) or names (anonymous-auth-enabled), comma-separated, repeatable'
            cand --ignore 'Not these rules: codes, prefixes or names, comma-separated, repeatable; wins over --select'
            cand --kubelet-version 'Apply the rules of this kubelet release, 1.31 to 1.36 (also v1.33.2) [default: the newest; for live configs, the version each node reports]'
            cand --explain 'Print what a rule (code or name) checks and why, then exit'
            cand --node 'Lint the live config of this node''s kubelet (its /configz, via the API server''s node proxy)'
            cand --diff 'With --node: show how this file differs from what the kubelet really runs, instead of linting'
            cand -l 'With --all-nodes: only nodes whose labels match this selector'
            cand --selector 'With --all-nodes: only nodes whose labels match this selector'
            cand --parallel 'With --all-nodes: how many kubelets to ask at once'
            cand --kubeconfig 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]'
            cand --context 'The kubeconfig context to use [default: the kubeconfig''s current-context]'
            cand --request-timeout 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never'
            cand --color 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on'
            cand --strict 'Warnings fail too (exit status 1), not only errors'
            cand --all-nodes 'Lint the live config of every node''s kubelet, grouping identical findings'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -v 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand --verbose 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kubelet-doctor;config;rules'= {
            cand -o 'Output format'
            cand --output 'Output format'
            cand --kubeconfig 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]'
            cand --context 'The kubeconfig context to use [default: the kubeconfig''s current-context]'
            cand --request-timeout 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never'
            cand --color 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -v 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand --verbose 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kubelet-doctor;config;help'= {
            cand lint 'Lint kubelet config files (or a node''s live config) with the kubelet''s own checks'
            cand rules 'List every rule `config lint` applies: code, name, severity, summary'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubelet-doctor;config;help;lint'= {
        }
        &'kubelet-doctor;config;help;rules'= {
        }
        &'kubelet-doctor;config;help;help'= {
        }
        &'kubelet-doctor;healthz'= {
            cand -l 'Probe the nodes whose labels match this selector'
            cand --selector 'Probe the nodes whose labels match this selector'
            cand --parallel 'How many kubelets to probe at once'
            cand --config 'Kubelet config file to read healthzBindAddress and healthzPort from'
            cand --url 'Probe this URL instead (e.g. http://127.0.0.1:10248/healthz)'
            cand --timeout 'Give up on one probe after this long: 3s, 500ms, a number of seconds'
            cand --wait 'Ask again every second until healthy or this long has passed (exit 1 at the deadline)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --kubeconfig 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]'
            cand --context 'The kubeconfig context to use [default: the kubeconfig''s current-context]'
            cand --request-timeout 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never'
            cand --color 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on'
            cand --all-nodes 'Probe every node''s kubelet'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -v 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand --verbose 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kubelet-doctor;images'= {
            cand -n 'Only pods in this namespace [default: all namespaces]'
            cand --namespace 'Only pods in this namespace [default: all namespaces]'
            cand -l 'Only pods whose labels match this selector (app=web,tier!=cache)'
            cand --selector 'Only pods whose labels match this selector (app=web,tier!=cache)'
            cand --node 'Only pods scheduled on this node (field selector spec.nodeName=NAME): for use on a node'
            cand --group-by 'One row per cause, image, registry, node or namespace instead of one per container'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --chunk-size 'How many pods (and events) to ask the API server for per page'
            cand --kubeconfig 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]'
            cand --context 'The kubeconfig context to use [default: the kubeconfig''s current-context]'
            cand --request-timeout 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never'
            cand --color 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on'
            cand -A 'Pods in every namespace (the default; for kubectl habits)'
            cand --all-namespaces 'Pods in every namespace (the default; for kubectl habits)'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -v 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand --verbose 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kubelet-doctor;pressure'= {
            cand -l 'Only the nodes whose labels match this selector'
            cand --selector 'Only the nodes whose labels match this selector'
            cand --margin 'Headroom under this many percentage points of a signal''s capacity is "near": 5, 2.5%'
            cand --parallel 'How many kubelets to read at once'
            cand --timeout 'Give up on one kubelet request after this long: 10s, 500ms, a number of seconds'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --chunk-size 'How many nodes (and pods) to ask the API server for per page'
            cand --kubeconfig 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]'
            cand --context 'The kubeconfig context to use [default: the kubeconfig''s current-context]'
            cand --request-timeout 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never'
            cand --color 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on'
            cand --problems 'Show only nodes near or past a threshold, or not measured (the exit status still counts every node)'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -v 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand --verbose 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kubelet-doctor;probes'= {
            cand -n 'Only pods in this namespace [default: all namespaces]'
            cand --namespace 'Only pods in this namespace [default: all namespaces]'
            cand -l 'Only pods whose labels match this selector (app=web,tier!=cache)'
            cand --selector 'Only pods whose labels match this selector (app=web,tier!=cache)'
            cand --node 'Only pods scheduled on this node (field selector spec.nodeName=NAME): for use on a node'
            cand --group-by 'One row per cause, namespace, node or workload instead of one per probe'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --chunk-size 'How many pods (and events) to ask the API server for per page'
            cand --lint 'Lint the probe specs running in the scope (one pod per workload) with the rules of `probes lint`, in FORMAT [default: full]'
            cand --kubeconfig 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]'
            cand --context 'The kubeconfig context to use [default: the kubeconfig''s current-context]'
            cand --request-timeout 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never'
            cand --color 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on'
            cand -A 'Pods in every namespace (the default; for kubectl habits)'
            cand --all-namespaces 'Pods in every namespace (the default; for kubectl habits)'
            cand --strict 'With --lint: warnings fail too (exit status 1), not only errors'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -v 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand --verbose 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand lint 'Lint probe specs in manifests: ports, schemes, windows, timeouts, liveness pitfalls'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubelet-doctor;probes;lint'= {
            cand -o 'Report format (the same whether or not stdout is a terminal)'
            cand --output-format 'Report format (the same whether or not stdout is a terminal)'
            cand --kubeconfig 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]'
            cand --context 'The kubeconfig context to use [default: the kubeconfig''s current-context]'
            cand --request-timeout 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never'
            cand --color 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on'
            cand --strict 'Warnings fail too (exit status 1), not only errors'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -v 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand --verbose 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kubelet-doctor;probes;help'= {
            cand lint 'Lint probe specs in manifests: ports, schemes, windows, timeouts, liveness pitfalls'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubelet-doctor;probes;help;lint'= {
        }
        &'kubelet-doctor;probes;help;help'= {
        }
        &'kubelet-doctor;status'= {
            cand --bundle 'Analyse a bundle directory (written by --collect, or by hand) instead of this node'
            cand --collect 'Write what was gathered on this node to DIR (a new directory), for a ticket; then analyse it'
            cand --root 'Read host files under DIR (the host''s / mounted in a container or debug pod, e.g. /host)'
            cand --unit 'The systemd unit that runs the kubelet [default: the first loaded of kubelet, k3s, k3s-agent, rke2-server, rke2-agent, snap.microk8s.daemon-kubelite]'
            cand --since 'Read the journal from this long ago (30m, 2h); with --node/--all-nodes, the node log query''s sinceTime (still at most its last 5000 lines) [default: the last 50,000 lines here, 5000 remotely]'
            cand --node 'Judge this node through the API server instead (its Node, Lease and, where the kubelet answers system log queries, its journal); repeatable'
            cand -l 'With --all-nodes: only nodes whose labels match this selector'
            cand --selector 'With --all-nodes: only nodes whose labels match this selector'
            cand --parallel 'How many nodes to ask at once'
            cand --timeout 'Give up on one node''s request (API view, then journal) after this long'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --kubeconfig 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]'
            cand --context 'The kubeconfig context to use [default: the kubeconfig''s current-context]'
            cand --request-timeout 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never'
            cand --color 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on'
            cand --all-nodes 'Judge every node through the API server, grouped by cause'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -v 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand --verbose 'Show more in errors: a failed exec credential plugin''s own stderr (hidden by default, as it may quote a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kubelet-doctor;help'= {
            cand nodes 'Dump every node''s object as YAML, or summarise node health (-o table)'
            cand config 'Check a kubelet configuration before the kubelet does: lint files or live nodes'
            cand healthz 'Is the kubelet alive? Probe its healthz here, or on nodes through the API server'
            cand images 'Every pod stuck on an image, with the root cause and the fix'
            cand pressure 'How close each node is to evicting pods or collecting images, and who goes first'
            cand probes 'Every failing liveness, readiness and startup probe, with the cause and the fix'
            cand status 'Why is the kubelet on this node not working? A verdict, the cause, the evidence, the fix'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubelet-doctor;help;nodes'= {
        }
        &'kubelet-doctor;help;config'= {
            cand lint 'Lint kubelet config files (or a node''s live config) with the kubelet''s own checks'
            cand rules 'List every rule `config lint` applies: code, name, severity, summary'
        }
        &'kubelet-doctor;help;config;lint'= {
        }
        &'kubelet-doctor;help;config;rules'= {
        }
        &'kubelet-doctor;help;healthz'= {
        }
        &'kubelet-doctor;help;images'= {
        }
        &'kubelet-doctor;help;pressure'= {
        }
        &'kubelet-doctor;help;probes'= {
            cand lint 'Lint probe specs in manifests: ports, schemes, windows, timeouts, liveness pitfalls'
        }
        &'kubelet-doctor;help;probes;lint'= {
        }
        &'kubelet-doctor;help;status'= {
        }
        &'kubelet-doctor;help;help'= {
        }
    ]
    $completions[$command]
}
