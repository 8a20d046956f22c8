fn main() -> std::process::ExitCode {
    kubelet_doctor::run::main().into()
}
