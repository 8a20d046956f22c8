//! Feature gates the kubelet binary knows, with their default and lock state per release.
//!
//! Source: the versioned gate table of kubernetes/kubernetes `pkg/features` (a 1.35
//! development snapshot, which also carries a 1.36 entry) plus the component-base logging
//! gates and the 1.36 changes of the 1.36 release notes (CustomCPUCFSQuotaPeriod GA,
//! NodeLogQuery GA locked). Each spec line reads `minor:stage:default[:L]`, stage A(lpha) B(eta) G(A)
//! D(eprecated), L = locked to default. `R36` marks a gate whose upstream comment schedules its
//! removal in 1.36.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = "\
AllowDNSOnlyNodeCSR 0:G:t 31:D:f
AllowInsecureKubeletCertificateSigningRequests 0:G:t 31:D:f
AllowOverwriteTerminationGracePeriodSeconds 0:G:t 32:D:f 35:D:f:L
AnyVolumeDataSource 18:A:f 24:B:t 33:G:t:L R36
AuthorizeNodeWithSelectors 31:A:f 32:B:t 34:G:t:L
AuthorizePodWebsocketUpgradeCreatePermission 35:B:t
CustomCPUCFSQuotaPeriod 12:A:f 36:G:t
CPUManagerPolicyAlphaOptions 23:A:f
CPUManagerPolicyBetaOptions 23:B:t
CPUManagerPolicyOptions 22:A:f 23:B:t 33:G:t:L R36
CSIMigrationPortworx 23:A:f 25:B:f 31:B:t 33:G:t:L R36
CSIServiceAccountTokenSecrets 35:B:t
CSIVolumeHealth 21:A:f
ChangeContainerStatusOnKubeletRestart 0:G:t 35:D:f
ClearingNominatedNodeNameAfterBinding 34:A:f 35:B:t
ClusterTrustBundle 27:A:f 33:B:f
ClusterTrustBundleProjection 29:A:f 33:B:f
ContainerCheckpoint 25:A:f 30:B:t
ContainerRestartRules 34:A:f 35:B:t
ContainerStopSignals 33:A:f
CrossNamespaceVolumeDataSource 26:A:f
DRAAdminAccess 32:A:f 34:B:t
DRAConsumableCapacity 34:A:f
DRADeviceBindingConditions 34:A:f
DRADeviceTaintRules 35:A:f
DRADeviceTaints 33:A:f
DRAExtendedResource 34:A:f
DRAPartitionableDevices 33:A:f
DRAPrioritizedList 33:A:f 34:B:t
DRAResourceClaimDeviceStatus 32:A:f 33:B:t
DRASchedulerFilterTimeout 34:B:t
DeploymentReplicaSetTerminatingReplicas 33:A:f 35:B:t
DisableAllocatorDualWrite 31:A:f 33:B:f 34:G:t 35:G:t:L
DisableCPUQuotaWithExclusiveCPUs 33:B:t
DisableNodeKubeProxyVersion 29:A:f 31:D:f 33:D:t
DynamicResourceAllocation 26:A:f 32:B:f 34:G:t 35:G:t:L
EnvFiles 34:A:f 35:B:t
EventedPLEG 26:A:f
ExecProbeTimeout 20:G:t 35:G:t:L
ExternalServiceAccountTokenSigner 32:A:f 34:B:t
GangScheduling 35:A:f
GenericWorkload 35:A:f
GitRepoVolumeDriver 0:G:t 33:D:f
GracefulNodeShutdown 20:A:f 21:B:t
GracefulNodeShutdownBasedOnPodPriority 23:A:f 24:B:t
HPAConfigurableTolerance 33:A:f 35:B:t
HPAScaleToZero 16:A:f
HonorPVReclaimPolicy 23:A:f 31:B:t 33:G:t:L R36
HostnameOverride 34:A:f 35:B:t
ImageMaximumGCAge 29:A:f 30:B:t 35:G:t:L
ImageVolume 31:A:f 33:B:f 35:B:t
ImageVolumeWithDigest 35:A:f
InPlacePodLevelResourcesVerticalScaling 35:A:f
InPlacePodVerticalScaling 27:A:f 33:B:t 35:G:t:L
InPlacePodVerticalScalingAllocatedStatus 32:A:f 33:D:f R36
InPlacePodVerticalScalingExclusiveCPUs 32:A:f
InPlacePodVerticalScalingExclusiveMemory 34:A:f
InTreePluginPortworxUnregister 23:A:f R36
JobBackoffLimitPerIndex 28:A:f 29:B:t 33:G:t:L R36
JobManagedBy 30:A:f 32:B:t 35:G:t:L
JobPodReplacementPolicy 28:A:f 29:B:t 34:G:t:L
JobSuccessPolicy 30:A:f 31:B:t 33:G:t:L R36
KubeletCgroupDriverFromCRI 28:A:f 31:B:t 34:G:t:L
KubeletCrashLoopBackOffMax 32:A:f 35:B:t
KubeletEnsureSecretPulledImages 33:A:f 35:B:t
KubeletFineGrainedAuthz 32:A:f 33:B:t
KubeletInUserNamespace 22:A:f
KubeletPSI 33:A:f 34:B:t
KubeletPodResourcesDynamicResources 27:A:f 34:B:t
KubeletPodResourcesGet 27:A:f 34:B:t
KubeletPodResourcesListUseActivePods 0:G:f 34:D:t
KubeletRegistrationGetOnExistsOnly 0:G:t 32:D:f
KubeletSeparateDiskGC 29:A:f 31:B:t
KubeletServiceAccountTokenForCredentialProviders 33:A:f 34:B:t
KubeletTracing 25:A:f 27:B:t 34:G:t:L
LocalStorageCapacityIsolationFSQuotaMonitoring 15:A:f 31:B:f
LogarithmicScaleDown 21:A:f 22:B:t 31:G:t:L
MatchLabelKeysInPodAffinity 29:A:f 31:B:t 33:G:t:L
MatchLabelKeysInPodTopologySpread 25:A:f 27:B:t
MatchLabelKeysInPodTopologySpreadSelectorMerge 34:B:t
MaxUnavailableStatefulSet 24:A:f 35:B:t
MemoryManager 21:A:f 22:B:t 32:G:t:L
MemoryQoS 22:A:f
MultiCIDRServiceAllocator 27:A:f 31:B:f 33:G:t 34:G:t:L
MutableCSINodeAllocatableCount 33:A:f 34:B:f 35:B:t
MutablePVNodeAffinity 35:A:f
MutablePodResourcesForSuspendedJobs 35:A:f
MutableSchedulingDirectivesForSuspendedJobs 35:A:f
NFTablesProxyMode 29:A:f 31:B:t 33:G:t:L
NodeDeclaredFeatures 35:A:f
NodeInclusionPolicyInPodTopologySpread 25:A:f 26:B:t 33:G:t:L
NodeLogQuery 27:A:f 30:B:f 36:G:t:L
NodeSwap 22:A:f 28:B:f 30:B:t 34:G:t:L
NominatedNodeNameForExpectation 34:A:f 35:B:t
OpportunisticBatching 35:B:t
OrderedNamespaceDeletion 30:B:f 33:B:t 34:G:t:L
PodAndContainerStatsFromCRI 23:A:f
PodCertificateRequest 34:A:f 35:B:f
PodDeletionCost 21:A:f 22:B:t
PodLevelResources 32:A:f 34:B:t
PodLifecycleSleepAction 29:A:f 30:B:t 34:G:t:L
PodLifecycleSleepActionAllowZero 32:A:f 33:B:t 34:G:t:L
PodLogsQuerySplitStreams 32:A:f
PodObservedGenerationTracking 33:A:f 34:B:t 35:G:t:L
PodReadyToStartContainersCondition 28:A:f 29:B:t
PodSchedulingReadiness 26:A:f 27:B:t 30:G:t:L
PodTopologyLabelsAdmission 33:A:f 35:B:t
PortForwardWebsockets 30:A:f 31:B:t
PreferSameTrafficDistribution 33:A:f 34:B:t 35:G:t:L
PreventStaticPodAPIReferences 34:B:t
ProcMountType 12:A:f 31:B:f 33:B:t
QOSReserved 11:A:f
RecoverVolumeExpansionFailure 23:A:f 32:B:t 34:G:t:L
RecursiveReadOnlyMounts 30:A:f 31:B:t 33:G:t:L R36
ReduceDefaultCrashLoopBackOffDecay 33:A:f
RelaxedDNSSearchValidation 32:A:f 33:B:t 34:G:t:L
RelaxedEnvironmentVariableValidation 30:A:f 32:B:t 34:G:t:L
RelaxedServiceNameValidation 34:A:f
ReloadKubeletServerCertificateFile 31:B:t
ResourceHealthStatus 31:A:f
RestartAllContainersOnContainerExits 35:A:f
RotateKubeletServerCertificate 7:A:f 12:B:t
RuntimeClassInImageCriAPI 29:A:f
SELinuxChangePolicy 32:A:f 33:B:t
SELinuxMount 30:A:f 33:B:f
SELinuxMountReadWriteOncePod 25:A:f 27:B:f 28:B:t
SchedulerAsyncAPICalls 34:B:f
SchedulerAsyncPreemption 32:A:f 33:B:t
SchedulerPopFromBackoffQ 33:B:t
SchedulerQueueingHints 28:B:f 32:B:t 34:G:t:L
SeparateTaintEvictionController 29:B:t 34:G:t:L
ServiceAccountNodeAudienceRestriction 32:B:f 33:B:t
ServiceAccountTokenJTI 29:A:f 30:B:t 32:G:t:L
ServiceAccountTokenNodeBinding 29:A:f 31:B:t 33:G:t:L
ServiceAccountTokenNodeBindingValidation 29:A:f 30:B:t 32:G:t:L
ServiceAccountTokenPodNodeInfo 29:A:f 30:B:t 32:G:t:L
ServiceTrafficDistribution 30:A:f 31:B:t 33:G:t:L R36
SidecarContainers 28:A:f 29:B:t 33:G:t:L R36
StatefulSetSemanticRevisionComparison 0:B:t
StorageCapacityScoring 33:A:f
StorageNamespaceIndex 30:B:t 33:D:t
StorageVersionMigrator 30:A:f 35:B:f
StreamingCollectionEncodingToJSON 33:B:t 34:G:t:L
StreamingCollectionEncodingToProtobuf 33:B:t 34:G:t:L
StrictIPCIDRValidation 33:A:f
SupplementalGroupsPolicy 31:A:f 33:B:t 35:G:t:L
SystemdWatchdog 32:B:t 35:G:t:L
TaintTolerationComparisonOperators 35:A:f
TopologyAwareHints 21:A:f 23:B:f 24:B:t 33:G:t:L
TopologyManagerPolicyAlphaOptions 26:A:f
TopologyManagerPolicyBetaOptions 26:B:f 28:B:t
TopologyManagerPolicyOptions 26:A:f 28:B:t 32:G:t
TranslateStreamCloseWebsocketRequests 29:A:f 30:B:t
UserNamespacesHostNetworkSupport 35:A:f
UserNamespacesSupport 25:A:f 30:B:f 33:B:t
VolumeAttributesClass 29:A:f 31:B:f 34:G:t 36:G:t:L
VolumeLimitScaling 35:A:f
WinDSR 14:A:f 33:B:t 34:G:t:L
WinOverlay 14:A:f 20:B:t 34:G:t:L
WindowsCPUAndMemoryAffinity 32:A:f
WindowsGracefulNodeShutdown 32:A:f 34:B:t
WindowsHostNetwork 26:A:f 33:D:f
CRDObservedGenerationTracking 35:B:f
CRDValidationRatcheting 28:A:f 30:B:t 33:G:t:L
CustomResourceFieldSelectors 30:A:f 31:B:t 32:G:t:L
APIResponseCompression 8:A:f 16:B:t
APIServerIdentity 20:A:f 26:B:t
APIServerTracing 22:A:f 27:B:t 34:G:t:L
APIServingWithRoutine 30:A:f
AggregatedDiscoveryRemoveBetaType 0:G:f 33:D:t 35:D:t:L
AllowParsingUserUIDFromCertAuth 33:B:t
AllowUnsafeMalformedObjectDeletion 32:A:f
AnonymousAuthConfigurableEndpoints 31:A:f 32:B:t 34:G:t:L
AuthorizeWithSelectors 31:A:f 32:B:t 34:G:t:L
BtreeWatchCache 32:B:t 33:G:t:L
CBORServingAndStorage 32:A:f
ConcurrentWatchObjectDecode 31:B:f
ConsistentListFromCache 28:A:f 31:B:t 34:G:t:L
ConstrainedImpersonation 35:A:f
CoordinatedLeaderElection 31:A:f 33:B:f
DeclarativeValidation 33:B:t
DeclarativeValidationTakeover 33:B:f
DetectCacheInconsistency 34:B:t
KMSv1 0:G:t 28:D:t 29:D:f
ListFromCacheSnapshot 33:A:f 34:B:t
MutatingAdmissionPolicy 32:A:f 34:B:f
OpenAPIEnums 23:A:f 24:B:t
RemoteRequestHeaderUID 32:A:f 33:B:t
ResilientWatchCacheInitialization 31:B:t 34:G:t:L
RetryGenerateName 30:A:f 31:B:t 32:G:t:L
SeparateCacheWatchRPC 28:B:t 33:D:f
SizeBasedListCostEstimate 34:B:t
StorageVersionAPI 20:A:f
StorageVersionHash 14:A:f 15:B:t
StructuredAuthenticationConfiguration 29:A:f 30:B:t 34:G:t:L
StructuredAuthenticationConfigurationEgressSelector 34:B:t
StructuredAuthenticationConfigurationJWKSMetrics 35:B:t
StructuredAuthorizationConfiguration 29:A:f 30:B:t 32:G:t:L
TokenRequestServiceAccountUIDValidation 34:B:t
UnauthenticatedHTTP2DOSMitigation 25:B:f 29:B:t
UnknownVersionInteroperabilityProxy 28:A:f
WatchCacheInitializationPostStartHook 31:B:f
WatchFromStorageWithoutResourceVersion 27:B:f 33:D:f:L
WatchList 27:A:f 32:B:t 33:B:f 34:B:t
CloudControllerManagerWatchBasedRoutesReconciliation 35:A:f
CloudControllerManagerWebhook 27:A:f
ComponentFlagz 32:A:f
ComponentStatusz 32:A:f
ContextualLogging 24:A:f 30:B:t
LoggingAlphaOptions 24:A:f
LoggingBetaOptions 24:B:t
AllAlpha 0:A:f
AllBeta 0:B:f
AppArmor 4:B:t 31:G:t:L X33
AppArmorFields 30:B:t 31:G:t:L X33
CPUManager 8:A:f 10:B:t 26:G:t:L X33
DevicePluginCDIDevices 28:A:f 29:B:t 31:G:t:L X33
DisableCloudProviders 22:A:f 29:B:t 31:G:t:L X33
DisableKubeletCloudCredentialProviders 23:A:f 29:B:t 31:G:t:L X33
";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Alpha,
    Beta,
    Ga,
    Deprecated,
}

#[derive(Clone, Copy, Debug)]
struct Spec {
    minor: u8,
    stage: Stage,
    default: bool,
    locked: bool,
}

#[derive(Debug)]
pub struct Gate {
    pub name: &'static str,
    specs: Vec<Spec>,
    /// Upstream schedules removal in this minor release.
    pub removal: Option<u8>,
    /// Removed from the table in this minor release (unknown from then on).
    pub gone: Option<u8>,
}

/// A gate's state in one release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GateState {
    pub stage: Stage,
    pub default: bool,
    pub locked: bool,
}

impl Gate {
    pub fn at(&self, minor: u8) -> Option<GateState> {
        if self.gone.is_some_and(|g| minor >= g) {
            return None;
        }
        self.specs
            .iter()
            .rev()
            .find(|s| s.minor <= minor)
            .map(|s| GateState {
                stage: s.stage,
                default: s.default,
                locked: s.locked,
            })
    }
}

fn table() -> &'static HashMap<&'static str, Gate> {
    static T: OnceLock<HashMap<&'static str, Gate>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for line in TABLE.lines().filter(|l| !l.trim().is_empty()) {
            let mut parts = line.split_whitespace();
            let name = parts.next().unwrap_or_default();
            let mut gate = Gate {
                name,
                specs: Vec::new(),
                removal: None,
                gone: None,
            };
            for p in parts {
                if let Some(r) = p.strip_prefix('R') {
                    gate.removal = r.parse().ok();
                    continue;
                }
                if let Some(x) = p.strip_prefix('X') {
                    gate.gone = x.parse().ok();
                    continue;
                }
                let f: Vec<&str> = p.split(':').collect();
                let stage = match f.get(1) {
                    Some(&"A") => Stage::Alpha,
                    Some(&"B") => Stage::Beta,
                    Some(&"G") => Stage::Ga,
                    _ => Stage::Deprecated,
                };
                gate.specs.push(Spec {
                    minor: f[0].parse().unwrap_or(0),
                    stage,
                    default: f.get(2) == Some(&"t"),
                    locked: f.get(3) == Some(&"L"),
                });
            }
            m.insert(name, gate);
        }
        m
    })
}

pub fn gate(name: &str) -> Option<&'static Gate> {
    table().get(name)
}

/// Gate names known in a release, for suggestions.
pub fn names_at(minor: u8) -> impl Iterator<Item = &'static str> + Clone {
    table()
        .values()
        .filter(move |g| g.at(minor).is_some())
        .map(|g| g.name)
}

/// Gate dependencies (`defaultKubernetesFeatureGateDependencies` in kubernetes/kubernetes
/// `pkg/features/kube_features.go`, read from a 1.35-era development snapshot; only the entries
/// with a non-empty list). component-base enforces them in `SetFromMap`/`Validate` since
/// kubernetes/kubernetes#133697 (first release 1.35): an enabled gate whose dependency is
/// disabled is an error. Later releases may have added entries this table does not know.
pub const DEPENDENCIES_SINCE: u8 = 35;
const DEPENDENCIES: &[(&str, &[&str])] = &[
    ("AuthorizeNodeWithSelectors", &["AuthorizeWithSelectors"]),
    ("ClusterTrustBundleProjection", &["ClusterTrustBundle"]),
    ("DRAAdminAccess", &["DynamicResourceAllocation"]),
    ("DRAConsumableCapacity", &["DynamicResourceAllocation"]),
    (
        "DRADeviceBindingConditions",
        &["DRAResourceClaimDeviceStatus", "DynamicResourceAllocation"],
    ),
    ("DRADeviceTaintRules", &["DRADeviceTaints"]),
    ("DRADeviceTaints", &["DynamicResourceAllocation"]),
    ("DRAExtendedResource", &["DynamicResourceAllocation"]),
    ("DRAPartitionableDevices", &["DynamicResourceAllocation"]),
    ("DRAPrioritizedList", &["DynamicResourceAllocation"]),
    ("DRASchedulerFilterTimeout", &["DynamicResourceAllocation"]),
    ("DeclarativeValidationTakeover", &["DeclarativeValidation"]),
    ("DisableAllocatorDualWrite", &["MultiCIDRServiceAllocator"]),
    ("GangScheduling", &["GenericWorkload"]),
    (
        "GracefulNodeShutdownBasedOnPodPriority",
        &["GracefulNodeShutdown"],
    ),
    ("ImageVolumeWithDigest", &["ImageVolume"]),
    (
        "InPlacePodLevelResourcesVerticalScaling",
        &[
            "InPlacePodVerticalScaling",
            "NodeDeclaredFeatures",
            "PodLevelResources",
        ],
    ),
    (
        "InPlacePodVerticalScalingAllocatedStatus",
        &["InPlacePodVerticalScaling"],
    ),
    (
        "InPlacePodVerticalScalingExclusiveCPUs",
        &["InPlacePodVerticalScaling"],
    ),
    (
        "InPlacePodVerticalScalingExclusiveMemory",
        &["InPlacePodVerticalScaling", "MemoryManager"],
    ),
    (
        "MatchLabelKeysInPodTopologySpreadSelectorMerge",
        &["MatchLabelKeysInPodTopologySpread"],
    ),
    ("PodCertificateRequest", &["AuthorizeNodeWithSelectors"]),
    (
        "PodLifecycleSleepActionAllowZero",
        &["PodLifecycleSleepAction"],
    ),
    ("ProcMountType", &["UserNamespacesSupport"]),
    ("ResourceHealthStatus", &["DynamicResourceAllocation"]),
    (
        "RestartAllContainersOnContainerExits",
        &["ContainerRestartRules", "NodeDeclaredFeatures"],
    ),
    (
        "ServiceAccountTokenNodeBinding",
        &["ServiceAccountTokenNodeBindingValidation"],
    ),
    ("StorageVersionAPI", &["APIServerIdentity"]),
    (
        "StructuredAuthenticationConfigurationEgressSelector",
        &["StructuredAuthenticationConfiguration"],
    ),
    (
        "StructuredAuthenticationConfigurationJWKSMetrics",
        &["StructuredAuthenticationConfiguration"],
    ),
    (
        "UnknownVersionInteroperabilityProxy",
        &["APIServerIdentity"],
    ),
    (
        "UserNamespacesHostNetworkSupport",
        &["UserNamespacesSupport"],
    ),
    ("WindowsCPUAndMemoryAffinity", &["MemoryManager"]),
    ("WindowsGracefulNodeShutdown", &["GracefulNodeShutdown"]),
];

/// A violated dependency: `gate` is enabled but the (sorted) `missing` gates are disabled.
#[derive(Debug, PartialEq, Eq)]
pub struct Violation {
    pub gate: &'static str,
    pub missing: Vec<&'static str>,
}

impl Gates {
    /// Every dependency violation of these effective gate values, sorted by gate name. Entries
    /// whose gates this release does not know are skipped.
    pub fn dependency_violations(&self) -> Vec<Violation> {
        if self.minor < DEPENDENCIES_SINCE {
            return Vec::new();
        }
        let known = |n: &str| gate(n).and_then(|g| g.at(self.minor)).is_some();
        let mut out: Vec<Violation> = DEPENDENCIES
            .iter()
            .filter(|(g, deps)| known(g) && deps.iter().all(|d| known(d)) && self.enabled(g))
            .filter_map(|(g, deps)| {
                let missing: Vec<&str> =
                    deps.iter().copied().filter(|d| !self.enabled(d)).collect();
                (!missing.is_empty()).then_some(Violation { gate: g, missing })
            })
            .collect();
        out.sort_by_key(|v| v.gate);
        out
    }
}

/// The effective gate values of a kubelet of minor version `minor` given the file's
/// `featureGates` (explicit values win; AllAlpha/AllBeta switch the unset gates of a stage).
#[derive(Clone, Debug)]
pub struct Gates {
    pub minor: u8,
    pub explicit: Vec<(String, bool)>,
}

impl Gates {
    pub fn enabled(&self, name: &str) -> bool {
        if let Some((_, v)) = self.explicit.iter().rev().find(|(n, _)| n == name) {
            return *v;
        }
        let Some(state) = gate(name).and_then(|g| g.at(self.minor)) else {
            return false;
        };
        if !state.locked {
            let all = |n: &str| {
                self.explicit
                    .iter()
                    .rev()
                    .find(|(x, _)| x == n)
                    .map(|(_, v)| *v)
            };
            match state.stage {
                Stage::Alpha => {
                    if let Some(v) = all("AllAlpha") {
                        return v;
                    }
                }
                Stage::Beta => {
                    if let Some(v) = all("AllBeta") {
                        return v;
                    }
                }
                _ => {}
            }
        }
        state.default
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_versions_resolve() {
        assert!(table().len() > 180);
        let g = gate("NodeSwap").unwrap();
        assert_eq!(
            g.at(33).unwrap(),
            GateState {
                stage: Stage::Beta,
                default: true,
                locked: false
            }
        );
        assert!(g.at(34).unwrap().locked);
        assert!(
            gate("KubeletEnsureSecretPulledImages")
                .unwrap()
                .at(32)
                .is_none()
        );
        assert!(gate("AppArmor").unwrap().at(32).is_some());
        assert!(gate("AppArmor").unwrap().at(33).is_none());
        assert!(
            gate("CustomCPUCFSQuotaPeriod")
                .unwrap()
                .at(36)
                .unwrap()
                .default
        );
        assert!(
            !gate("CustomCPUCFSQuotaPeriod")
                .unwrap()
                .at(35)
                .unwrap()
                .default
        );
    }

    #[test]
    fn effective_values() {
        let g = Gates {
            minor: 36,
            explicit: vec![("MemoryQoS".into(), true), ("AllBeta".into(), false)],
        };
        assert!(g.enabled("MemoryQoS"));
        assert!(
            !g.enabled("GracefulNodeShutdown"),
            "AllBeta=false switches beta gates off"
        );
        assert!(g.enabled("NodeSwap"), "locked GA gates ignore AllBeta");
        assert!(!g.enabled("NoSuchGate"));
    }

    #[test]
    fn dependencies() {
        let deps = |minor, gates: &[(&str, bool)]| {
            Gates {
                minor,
                explicit: gates.iter().map(|(n, v)| (n.to_string(), *v)).collect(),
            }
            .dependency_violations()
        };
        for minor in 31..=36 {
            assert!(
                deps(minor, &[]).is_empty(),
                "defaults are consistent in 1.{minor}"
            );
        }
        let v = deps(36, &[("GracefulNodeShutdown", false)]);
        assert_eq!(
            v.iter().map(|v| v.gate).collect::<Vec<_>>(),
            [
                "GracefulNodeShutdownBasedOnPodPriority",
                "WindowsGracefulNodeShutdown"
            ]
        );
        assert!(deps(34, &[("GracefulNodeShutdown", false)]).is_empty());
        let v = deps(35, &[("InPlacePodLevelResourcesVerticalScaling", true)]);
        assert_eq!(v[0].missing, ["NodeDeclaredFeatures"]);
        assert!(deps(35, &[("AllAlpha", true), ("AllBeta", true)]).is_empty());
    }
}
