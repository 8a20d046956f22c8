# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubelet_doctor_global_optspecs
    string join \n kubeconfig= context= request-timeout= insecure-skip-tls-verify color= q/quiet exit-zero v/verbose h/help V/version
end

function __fish_kubelet_doctor_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubelet_doctor_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubelet_doctor_using_subcommand
    set -l cmd (__fish_kubelet_doctor_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -l kubeconfig -d 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -l context -d 'The kubeconfig context to use [default: the kubeconfig\'s current-context]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -l request-timeout -d 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -l color -d 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour a terminal, unless NO_COLOR is set (CLICOLOR_FORCE colours a pipe too)'
always\t'Always colour, into a pipe or a file too'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -s v -l verbose -d 'Show more in errors: a failed exec credential plugin\'s own stderr (hidden by default, as it may quote a secret)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -f -a "nodes" -d 'Dump every node\'s object as YAML, or summarise node health (-o table)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -f -a "config" -d 'Check a kubelet configuration before the kubelet does: lint files or live nodes'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -f -a "healthz" -d 'Is the kubelet alive? Probe its healthz here, or on nodes through the API server'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -f -a "images" -d 'Every pod stuck on an image, with the root cause and the fix'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -f -a "pressure" -d 'How close each node is to evicting pods or collecting images, and who goes first'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -f -a "probes" -d 'Every failing liveness, readiness and startup probe, with the cause and the fix'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -f -a "status" -d 'Why is the kubelet on this node not working? A verdict, the cause, the evidence, the fix'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -s l -l selector -d 'Only nodes whose labels match this selector (`=`, `==`, `!=`, `in`, `notin`, `key`, `!key`)' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -s o -l output -d 'Output format' -r -f -a "yaml\t'Each node\'s full object as YAML, `---` between nodes (kubectl\'s -o yaml)'
json\t'A v1 List of the nodes, as kubectl\'s -o json prints it'
name\t'node/NAME, one per line'
table\t'Health summary, one row per node'
wide\t'Health summary plus addresses, OS image, kernel, runtime, allocatable CPU and memory'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l output-dir -d 'Write one file per node, DIR/<node>.yaml (or .json with -o json), atomically, instead of printing' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l chunk-size -d 'How many nodes to ask the API server for per page' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l kubeconfig -d 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l context -d 'The kubeconfig context to use [default: the kubeconfig\'s current-context]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l request-timeout -d 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l color -d 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour a terminal, unless NO_COLOR is set (CLICOLOR_FORCE colours a pipe too)'
always\t'Always colour, into a pipe or a file too'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l show-managed-fields -d 'Keep metadata.managedFields in dumps (stripped by default, as kubectl does)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l problems -d 'Only nodes that have a problem; the exit status is then 1 if any is shown'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -s v -l verbose -d 'Show more in errors: a failed exec credential plugin\'s own stderr (hidden by default, as it may quote a secret)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -l kubeconfig -d 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -l context -d 'The kubeconfig context to use [default: the kubeconfig\'s current-context]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -l request-timeout -d 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -l color -d 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour a terminal, unless NO_COLOR is set (CLICOLOR_FORCE colours a pipe too)'
always\t'Always colour, into a pipe or a file too'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -s v -l verbose -d 'Show more in errors: a failed exec credential plugin\'s own stderr (hidden by default, as it may quote a secret)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -f -a "lint" -d 'Lint kubelet config files (or a node\'s live config) with the kubelet\'s own checks'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -f -a "rules" -d 'List every rule `config lint` applies: code, name, severity, summary'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and not __fish_seen_subcommand_from lint rules help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -s o -l output-format -d 'Report format (the same whether or not stdout is a terminal)' -r -f -a "full\t'Each finding with the offending source line and a marker, the kubelet\'s message and a fix'
concise\t'One line per finding: FILE:LINE:COL: CODE [severity] message'
json\t'A stable, versioned JSON document (see the JSON_FORMAT.md shipped with the source)'
sarif\t'SARIF 2.1.0, for code-scanning dashboards'
github\t'GitHub Actions workflow commands (::error file=...), annotating pull requests'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l select -d 'Only these rules: codes (KL401), prefixes (KL4) or names (anonymous-auth-enabled), comma-separated, repeatable' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l ignore -d 'Not these rules: codes, prefixes or names, comma-separated, repeatable; wins over --select' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l kubelet-version -d 'Apply the rules of this kubelet release, 1.31 to 1.36 (also v1.33.2) [default: the newest; for live configs, the version each node reports]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l explain -d 'Print what a rule (code or name) checks and why, then exit' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l node -d 'Lint the live config of this node\'s kubelet (its /configz, via the API server\'s node proxy)' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l diff -d 'With --node: show how this file differs from what the kubelet really runs, instead of linting' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -s l -l selector -d 'With --all-nodes: only nodes whose labels match this selector' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l parallel -d 'With --all-nodes: how many kubelets to ask at once' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l kubeconfig -d 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l context -d 'The kubeconfig context to use [default: the kubeconfig\'s current-context]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l request-timeout -d 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l color -d 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour a terminal, unless NO_COLOR is set (CLICOLOR_FORCE colours a pipe too)'
always\t'Always colour, into a pipe or a file too'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l strict -d 'Warnings fail too (exit status 1), not only errors'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l all-nodes -d 'Lint the live config of every node\'s kubelet, grouping identical findings'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -s v -l verbose -d 'Show more in errors: a failed exec credential plugin\'s own stderr (hidden by default, as it may quote a secret)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from lint" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from rules" -s o -l output -d 'Output format' -r -f -a "table\t'A table: code, name, severity, summary'
json\t'A JSON object: version, tool, and rules (each with its full explanation)'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from rules" -l kubeconfig -d 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from rules" -l context -d 'The kubeconfig context to use [default: the kubeconfig\'s current-context]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from rules" -l request-timeout -d 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from rules" -l color -d 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour a terminal, unless NO_COLOR is set (CLICOLOR_FORCE colours a pipe too)'
always\t'Always colour, into a pipe or a file too'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from rules" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from rules" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from rules" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from rules" -s v -l verbose -d 'Show more in errors: a failed exec credential plugin\'s own stderr (hidden by default, as it may quote a secret)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from rules" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from rules" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "lint" -d 'Lint kubelet config files (or a node\'s live config) with the kubelet\'s own checks'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "rules" -d 'List every rule `config lint` applies: code, name, severity, summary'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -s l -l selector -d 'Probe the nodes whose labels match this selector' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -l parallel -d 'How many kubelets to probe at once' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -l config -d 'Kubelet config file to read healthzBindAddress and healthzPort from' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -l url -d 'Probe this URL instead (e.g. http://127.0.0.1:10248/healthz)' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -l timeout -d 'Give up on one probe after this long: 3s, 500ms, a number of seconds' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -l wait -d 'Ask again every second until healthy or this long has passed (exit 1 at the deadline)' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -s o -l output -d 'Output format' -r -f -a "table\t'One row per kubelet: verdict, healthz, (Ready, lease,) latency, detail'
json\t'A stable, versioned JSON document (kind HealthzReport; see the README)'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -l kubeconfig -d 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -l context -d 'The kubeconfig context to use [default: the kubeconfig\'s current-context]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -l request-timeout -d 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -l color -d 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour a terminal, unless NO_COLOR is set (CLICOLOR_FORCE colours a pipe too)'
always\t'Always colour, into a pipe or a file too'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -l all-nodes -d 'Probe every node\'s kubelet'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -s v -l verbose -d 'Show more in errors: a failed exec credential plugin\'s own stderr (hidden by default, as it may quote a secret)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand healthz" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -s n -l namespace -d 'Only pods in this namespace [default: all namespaces]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -s l -l selector -d 'Only pods whose labels match this selector (app=web,tier!=cache)' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -l node -d 'Only pods scheduled on this node (field selector spec.nodeName=NAME): for use on a node' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -l group-by -d 'One row per cause, image, registry, node or namespace instead of one per container' -r -f -a "cause\t'The root cause (not-found, auth, dns, ...)'
image\t'The image reference as written in the pod spec'
registry\t'The registry host (docker.io for short names)'
node\t'The node the pod is scheduled on'
namespace\t'The pod\'s namespace'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -s o -l output -d 'Output format' -r -f -a "table\t'One row per stuck container: pod, container, image, reason, cause, node, since, remedy'
wide\t'The table plus registry, pods sharing the problem, pull secrets and the error message'
json\t'A stable, versioned JSON document (kind ImagesReport; see the README), raw messages included'
name\t'pod/NAMESPACE/NAME, one line per stuck pod'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -l chunk-size -d 'How many pods (and events) to ask the API server for per page' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -l kubeconfig -d 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -l context -d 'The kubeconfig context to use [default: the kubeconfig\'s current-context]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -l request-timeout -d 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -l color -d 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour a terminal, unless NO_COLOR is set (CLICOLOR_FORCE colours a pipe too)'
always\t'Always colour, into a pipe or a file too'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -s A -l all-namespaces -d 'Pods in every namespace (the default; for kubectl habits)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -s v -l verbose -d 'Show more in errors: a failed exec credential plugin\'s own stderr (hidden by default, as it may quote a secret)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand images" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -s l -l selector -d 'Only the nodes whose labels match this selector' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -l margin -d 'Headroom under this many percentage points of a signal\'s capacity is "near": 5, 2.5%' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -l parallel -d 'How many kubelets to read at once' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -l timeout -d 'Give up on one kubelet request after this long: 10s, 500ms, a number of seconds' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -s o -l output -d 'Output format' -r -f -a "table\t'One row per node: verdict, tightest signal, its headroom, image GC, first to evict'
wide\t'One row per node and signal, image GC and notes'
json\t'A stable, versioned JSON document (kind PressureReport; see the README)'
name\t'node/NAME, one line per node shown'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -l chunk-size -d 'How many nodes (and pods) to ask the API server for per page' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -l kubeconfig -d 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -l context -d 'The kubeconfig context to use [default: the kubeconfig\'s current-context]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -l request-timeout -d 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -l color -d 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour a terminal, unless NO_COLOR is set (CLICOLOR_FORCE colours a pipe too)'
always\t'Always colour, into a pipe or a file too'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -l problems -d 'Show only nodes near or past a threshold, or not measured (the exit status still counts every node)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -s v -l verbose -d 'Show more in errors: a failed exec credential plugin\'s own stderr (hidden by default, as it may quote a secret)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand pressure" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -s n -l namespace -d 'Only pods in this namespace [default: all namespaces]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -s l -l selector -d 'Only pods whose labels match this selector (app=web,tier!=cache)' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -l node -d 'Only pods scheduled on this node (field selector spec.nodeName=NAME): for use on a node' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -l group-by -d 'One row per cause, namespace, node or workload instead of one per probe' -r -f -a "cause\t'The cause (connection-refused, timeout, ...)'
namespace\t'The pod\'s namespace'
node\t'The node the pod runs on'
workload\t'The pod\'s controller (a ReplicaSet\'s pods count for its Deployment)'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -s o -l output -d 'Output format' -r -f -a "table\t'One row per failing probe: pod, container, probe, cause, since, count, restarts, node, remedy'
wide\t'The table plus handler, liveness kills, last exit, workload and the probe\'s output'
json\t'A stable, versioned JSON document (kind ProbesReport; see the README), raw output included'
name\t'pod/NAMESPACE/NAME, one line per pod with a failing probe'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -l chunk-size -d 'How many pods (and events) to ask the API server for per page' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -l lint -d 'Lint the probe specs running in the scope (one pod per workload) with the rules of `probes lint`, in FORMAT [default: full]' -r -f -a "full\t'Each finding with the offending source line and a marker, the kubelet\'s message and a fix'
concise\t'One line per finding: FILE:LINE:COL: CODE [severity] message'
json\t'A stable, versioned JSON document (see the JSON_FORMAT.md shipped with the source)'
sarif\t'SARIF 2.1.0, for code-scanning dashboards'
github\t'GitHub Actions workflow commands (::error file=...), annotating pull requests'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -l kubeconfig -d 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -l context -d 'The kubeconfig context to use [default: the kubeconfig\'s current-context]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -l request-timeout -d 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -l color -d 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour a terminal, unless NO_COLOR is set (CLICOLOR_FORCE colours a pipe too)'
always\t'Always colour, into a pipe or a file too'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -s A -l all-namespaces -d 'Pods in every namespace (the default; for kubectl habits)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -l strict -d 'With --lint: warnings fail too (exit status 1), not only errors'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -s v -l verbose -d 'Show more in errors: a failed exec credential plugin\'s own stderr (hidden by default, as it may quote a secret)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -f -a "lint" -d 'Lint probe specs in manifests: ports, schemes, windows, timeouts, liveness pitfalls'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and not __fish_seen_subcommand_from lint help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from lint" -s o -l output-format -d 'Report format (the same whether or not stdout is a terminal)' -r -f -a "full\t'Each finding with the offending source line and a marker, the kubelet\'s message and a fix'
concise\t'One line per finding: FILE:LINE:COL: CODE [severity] message'
json\t'A stable, versioned JSON document (see the JSON_FORMAT.md shipped with the source)'
sarif\t'SARIF 2.1.0, for code-scanning dashboards'
github\t'GitHub Actions workflow commands (::error file=...), annotating pull requests'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from lint" -l kubeconfig -d 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from lint" -l context -d 'The kubeconfig context to use [default: the kubeconfig\'s current-context]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from lint" -l request-timeout -d 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from lint" -l color -d 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour a terminal, unless NO_COLOR is set (CLICOLOR_FORCE colours a pipe too)'
always\t'Always colour, into a pipe or a file too'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from lint" -l strict -d 'Warnings fail too (exit status 1), not only errors'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from lint" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from lint" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from lint" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from lint" -s v -l verbose -d 'Show more in errors: a failed exec credential plugin\'s own stderr (hidden by default, as it may quote a secret)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from lint" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from help" -f -a "lint" -d 'Lint probe specs in manifests: ports, schemes, windows, timeouts, liveness pitfalls'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand probes; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l bundle -d 'Analyse a bundle directory (written by --collect, or by hand) instead of this node' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l collect -d 'Write what was gathered on this node to DIR (a new directory), for a ticket; then analyse it' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l root -d 'Read host files under DIR (the host\'s / mounted in a container or debug pod, e.g. /host)' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l unit -d 'The systemd unit that runs the kubelet [default: the first loaded of kubelet, k3s, k3s-agent, rke2-server, rke2-agent, snap.microk8s.daemon-kubelite]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l since -d 'Read the journal from this long ago (30m, 2h); with --node/--all-nodes, the node log query\'s sinceTime (still at most its last 5000 lines) [default: the last 50,000 lines here, 5000 remotely]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l node -d 'Judge this node through the API server instead (its Node, Lease and, where the kubelet answers system log queries, its journal); repeatable' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -s l -l selector -d 'With --all-nodes: only nodes whose labels match this selector' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l parallel -d 'How many nodes to ask at once' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l timeout -d 'Give up on one node\'s request (API view, then journal) after this long' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -s o -l output -d 'Output format' -r -f -a "text\t'The verdict, each finding with its evidence and fix, and the table of checks'
json\t'A stable, versioned JSON document (kind StatusReport; see the README)'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l kubeconfig -d 'Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]' -r -F
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l context -d 'The kubeconfig context to use [default: the kubeconfig\'s current-context]' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l request-timeout -d 'Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never' -r
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l color -d 'When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour a terminal, unless NO_COLOR is set (CLICOLOR_FORCE colours a pipe too)'
always\t'Always colour, into a pipe or a file too'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l all-nodes -d 'Judge every node through the API server, grouped by cause'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -s v -l verbose -d 'Show more in errors: a failed exec credential plugin\'s own stderr (hidden by default, as it may quote a secret)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand status" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and not __fish_seen_subcommand_from nodes config healthz images pressure probes status help" -f -a "nodes" -d 'Dump every node\'s object as YAML, or summarise node health (-o table)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and not __fish_seen_subcommand_from nodes config healthz images pressure probes status help" -f -a "config" -d 'Check a kubelet configuration before the kubelet does: lint files or live nodes'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and not __fish_seen_subcommand_from nodes config healthz images pressure probes status help" -f -a "healthz" -d 'Is the kubelet alive? Probe its healthz here, or on nodes through the API server'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and not __fish_seen_subcommand_from nodes config healthz images pressure probes status help" -f -a "images" -d 'Every pod stuck on an image, with the root cause and the fix'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and not __fish_seen_subcommand_from nodes config healthz images pressure probes status help" -f -a "pressure" -d 'How close each node is to evicting pods or collecting images, and who goes first'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and not __fish_seen_subcommand_from nodes config healthz images pressure probes status help" -f -a "probes" -d 'Every failing liveness, readiness and startup probe, with the cause and the fix'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and not __fish_seen_subcommand_from nodes config healthz images pressure probes status help" -f -a "status" -d 'Why is the kubelet on this node not working? A verdict, the cause, the evidence, the fix'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and not __fish_seen_subcommand_from nodes config healthz images pressure probes status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "lint" -d 'Lint kubelet config files (or a node\'s live config) with the kubelet\'s own checks'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "rules" -d 'List every rule `config lint` applies: code, name, severity, summary'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and __fish_seen_subcommand_from probes" -f -a "lint" -d 'Lint probe specs in manifests: ports, schemes, windows, timeouts, liveness pitfalls'
