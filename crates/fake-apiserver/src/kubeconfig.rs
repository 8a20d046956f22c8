// Writes kubeconfig files for the fake: CA data inline, bearer-token user, names configurable,
// so the CLI under test and kubectl load them exactly like a real cluster's admin.conf.

use super::util::base64_std;

/// Names used in a generated kubeconfig.
#[derive(Clone, Debug)]
pub struct KubeconfigNames {
    pub cluster: String,
    pub context: String,
    pub user: String,
    /// `contexts[].context.namespace`, if any.
    pub namespace: Option<String>,
}

impl Default for KubeconfigNames {
    fn default() -> Self {
        KubeconfigNames {
            cluster: "fake".into(),
            context: "fake".into(),
            user: "fake-admin".into(),
            namespace: None,
        }
    }
}

pub fn render(server: &str, ca_pem: &str, token: &str, names: &KubeconfigNames) -> String {
    let ns = names
        .namespace
        .as_ref()
        .map(|n| format!("    namespace: {n}\n"))
        .unwrap_or_default();
    format!(
        "apiVersion: v1\n\
         kind: Config\n\
         clusters:\n\
         - cluster:\n    certificate-authority-data: {ca}\n    server: {server}\n  name: {cluster}\n\
         contexts:\n\
         - context:\n    cluster: {cluster}\n{ns}    user: {user}\n  name: {context}\n\
         current-context: {context}\n\
         preferences: {{}}\n\
         users:\n\
         - name: {user}\n  user:\n    token: {token}\n",
        ca = base64_std(ca_pem.as_bytes()),
        cluster = names.cluster,
        context = names.context,
        user = names.user,
    )
}
