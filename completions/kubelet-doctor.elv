
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
            cand --color 'When to colour the output; NO_COLOR in the environment turns `auto` off'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand nodes 'Dump every node''s object as YAML, or summarise node health (-o table)'
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
            cand --color 'When to colour the output; NO_COLOR in the environment turns `auto` off'
            cand --show-managed-fields 'Keep metadata.managedFields in dumps (stripped by default, as kubectl does)'
            cand --problems 'Only nodes that have a problem; the exit status is then 1 if any is shown'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure: only for a cluster you can vouch for)'
            cand -q 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --quiet 'Print no report and no warnings; only errors and the exit status tell the result'
            cand --exit-zero 'Exit 0 even when problems are found (still 2 when the job could not be done)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kubelet-doctor;help'= {
            cand nodes 'Dump every node''s object as YAML, or summarise node health (-o table)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubelet-doctor;help;nodes'= {
        }
        &'kubelet-doctor;help;help'= {
        }
    ]
    $completions[$command]
}
