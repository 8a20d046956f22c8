# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubelet_doctor_global_optspecs
    string join \n kubeconfig= context= request-timeout= insecure-skip-tls-verify color= q/quiet exit-zero h/help V/version
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
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -l color -d 'When to colour the output; NO_COLOR in the environment turns `auto` off' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour, even into a pipe'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_needs_command" -f -a "nodes" -d 'Dump every node\'s object as YAML, or summarise node health (-o table)'
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
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l color -d 'When to colour the output; NO_COLOR in the environment turns `auto` off' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour, even into a pipe'
never\t'Never colour'"
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l show-managed-fields -d 'Keep metadata.managedFields in dumps (stripped by default, as kubectl does)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l problems -d 'Only nodes that have a problem; the exit status is then 1 if any is shown'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure: only for a cluster you can vouch for)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -s q -l quiet -d 'Print no report and no warnings; only errors and the exit status tell the result'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -l exit-zero -d 'Exit 0 even when problems are found (still 2 when the job could not be done)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand nodes" -s V -l version -d 'Print version'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and not __fish_seen_subcommand_from nodes help" -f -a "nodes" -d 'Dump every node\'s object as YAML, or summarise node health (-o table)'
complete -c kubelet-doctor -n "__fish_kubelet_doctor_using_subcommand help; and not __fish_seen_subcommand_from nodes help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
