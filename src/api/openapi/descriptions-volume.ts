// kite's descriptions for volumes: the pod-level Volume with its common sources
// (configMap, secret, emptyDir, hostPath, persistentVolumeClaim, projected, downwardAPI,
// ephemeral, csi, image) and, more briefly, the legacy in-tree storage plugins that
// Kubernetes has deprecated, redirected to CSI drivers or removed.

import { DEFINITIONS } from './definitions.js';
import { type DescriptionMap, type DefinitionText, withPrefix } from './descriptions-util.js';

const FS_TYPE = 'The filesystem to mount the device with, such as ext4 or xfs, if the kubelet formats or mounts it; an empty value means ext4.';
const READ_ONLY = 'Mount the volume read-only. Defaults to false.';
const MODE_NOTE = 'Given as a number: YAML accepts octal (0644), JSON needs decimal (420). Files may also get group bits from fsGroup.';

/** Texts for a deprecated or removed in-tree plugin: one sentence on the plugin, shared
 *  ones for fsType/readOnly, and the plugin's own fields. */
function legacy(description: string, properties: Record<string, string>): DefinitionText {
  return { description, properties: { fsType: FS_TYPE, readOnly: READ_ONLY, ...properties } };
}

const VOLUME: DescriptionMap = {
  Volume: {
    description:
      'A named volume that containers of the pod can mount. Exactly one source (configMap, emptyDir, persistentVolumeClaim, ...) is set besides the name.',
    properties: {
      awsElasticBlockStore: 'An AWS EBS disk. Deprecated: kite, like Kubernetes, leaves it to the CSI driver named ebs.csi.aws.com.',
      azureDisk: 'An Azure data disk. Deprecated: left to the CSI driver named disk.csi.azure.com.',
      azureFile: 'An Azure File share. Deprecated: left to the CSI driver named file.csi.azure.com.',
      cephfs: 'A CephFS mount. Deprecated and no longer supported by Kubernetes; use the Ceph CSI driver.',
      cinder: 'An OpenStack Cinder volume. Deprecated: left to the CSI driver named cinder.csi.openstack.org.',
      configMap: 'Files made from the keys of a ConfigMap, one file per key.',
      csi: 'An inline (ephemeral) volume provided by a CSI driver that supports it.',
      downwardAPI: 'Files holding information about the pod itself: its labels, annotations, name or resource amounts.',
      emptyDir:
        'An empty directory created when the pod is placed on a node and deleted with the pod, shared by its containers; optionally backed by memory.',
      ephemeral:
        'A volume backed by a PersistentVolumeClaim that is created for this pod from a template and deleted with it, so it can use any storage class with the lifetime of an emptyDir.',
      fc: 'A Fibre Channel disk attached to the node and exposed to the pod.',
      flexVolume: 'A volume mounted by an exec-based FlexVolume driver. Deprecated; use CSI.',
      flocker: 'A Flocker dataset. Deprecated and no longer supported.',
      gcePersistentDisk: 'A Google Compute Engine disk. Deprecated: left to the CSI driver named pd.csi.storage.gke.io.',
      gitRepo:
        'Deprecated: a directory with a git repository cloned into it. Use an init container that clones into an emptyDir instead.',
      glusterfs: 'A GlusterFS mount. Deprecated and no longer supported.',
      hostPath:
        'A file or directory of the node mounted into the pod. It exposes the node\'s filesystem and is usually limited to system workloads.',
      image: 'The content of an OCI image or artifact, pulled by the kubelet and mounted read-only.',
      iscsi: 'An iSCSI disk attached to the node and exposed to the pod.',
      name: 'The volume\'s name, a DNS label unique within the pod; volume mounts refer to it.',
      nfs: 'An NFS export mounted into the pod.',
      persistentVolumeClaim: 'The storage bound to a PersistentVolumeClaim in the pod\'s namespace.',
      photonPersistentDisk: 'A VMware Photon Controller disk. Deprecated and no longer supported.',
      portworxVolume: 'A Portworx volume. Deprecated: handled by the Portworx CSI driver.',
      projected: 'Several sources (secrets, config maps, downward API, service account tokens) combined into one directory.',
      quobyte: 'A Quobyte mount. Deprecated and no longer supported.',
      rbd: 'A Ceph RBD image. Deprecated and no longer supported; use the Ceph CSI driver.',
      scaleIO: 'A ScaleIO volume. Deprecated and no longer supported.',
      secret: 'Files made from the keys of a Secret, one file per key, kept in memory (tmpfs) on the node.',
      storageos: 'A StorageOS volume. Deprecated and no longer supported.',
      vsphereVolume: 'A vSphere VMDK. Deprecated: left to the CSI driver named csi.vsphere.vmware.com.',
    },
  },
  ConfigMapVolumeSource: {
    description:
      'Turns a ConfigMap into files. Each key becomes a file named after it (unless items picks otherwise), and the files follow later changes to the ConfigMap, except in subPath mounts.',
    properties: {
      defaultMode: `Permission bits for the files, from 0000 to 0777 in octal. Defaults to 0644. ${MODE_NOTE}`,
      items:
        'Which keys to project and under which relative paths. When given, only these keys appear; a listed key that does not exist is an error unless optional is true.',
      name: 'The name of the ConfigMap, in the pod\'s namespace.',
      optional: 'If true, the pod starts even when the ConfigMap (or a listed key) is missing.',
    },
  },
  SecretVolumeSource: {
    description: 'Turns a Secret into files, one per key (or per item listed), stored in memory on the node and updated when the Secret changes.',
    properties: {
      defaultMode: `Permission bits for the files, from 0000 to 0777 in octal. Defaults to 0644. ${MODE_NOTE}`,
      items:
        'Which keys to project and under which relative paths. When given, only these keys appear; a listed key that does not exist is an error unless optional is true.',
      optional: 'If true, the pod starts even when the Secret (or a listed key) is missing.',
      secretName: 'Which Secret to use; it has to be in the pod\'s namespace.',
    },
  },
  KeyToPath: {
    description: 'Maps one key of a ConfigMap or Secret to a file.',
    properties: {
      key: 'Which entry of the ConfigMap or Secret becomes the file.',
      mode: `Permission bits for this file, from 0000 to 0777 in octal; when unset the volume\'s defaultMode applies. ${MODE_NOTE}`,
      path: 'Where the file goes, relative to the volume\'s root; ".." is not allowed anywhere in it.',
    },
  },
  EmptyDirVolumeSource: {
    description: 'A scratch directory that lives as long as the pod on its node.',
    properties: {
      medium:
        'What backs the directory: "" (the default, the node\'s disk), "Memory" (a tmpfs counted against the containers\' memory) or "HugePages" / "HugePages-<size>".',
      sizeLimit:
        'The most storage the directory may use, as a quantity such as 1Gi; a pod going over it is evicted. For Memory, the smaller of this and the pod\'s memory limits applies. Unset means no limit of its own.',
    },
  },
  HostPathVolumeSource: {
    description: 'A path on the node, mounted into the pod. Data stays on that node and outlives the pod.',
    properties: {
      path: 'The path on the node. A symbolic link is followed to its target.',
      type:
        'What must be found at path before mounting: "" (no check, the default), DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice. The OrCreate types create an empty directory or file when nothing is there.',
    },
  },
  PersistentVolumeClaimVolumeSource: {
    description: 'Mounts the volume bound to a PersistentVolumeClaim in the pod\'s namespace.',
    properties: {
      claimName: 'The name of the PersistentVolumeClaim.',
      readOnly: 'Mount the volume read-only, whatever its access mode allows. Defaults to false.',
    },
  },
  ProjectedVolumeSource: {
    description: 'Several volume sources merged into one directory.',
    properties: {
      defaultMode: `Permission bits for files that set no mode of their own, from 0000 to 0777 in octal. Defaults to 0644. ${MODE_NOTE}`,
      sources: 'The sources to merge; the paths they produce must not clash.',
    },
  },
  VolumeProjection: {
    description: 'One source of a projected volume; exactly one field is set.',
    properties: {
      clusterTrustBundle: 'Certificates from ClusterTrustBundle objects, written as one PEM file.',
      configMap: 'Keys of a ConfigMap.',
      downwardAPI: 'Fields and resource amounts of the pod.',
      podCertificate: 'A private key and a certificate issued for the pod by a signer (alpha).',
      secret: 'Keys of a Secret.',
      serviceAccountToken: 'A short-lived token for the pod\'s service account, renewed by the kubelet.',
    },
  },
  ConfigMapProjection: {
    description: 'The keys of a ConfigMap, as files of a projected volume.',
    properties: {
      items: 'Which keys to project and where. When given, only these keys appear; a missing listed key is an error unless optional is true.',
      name: 'The name of the ConfigMap, in the pod\'s namespace.',
      optional: 'If true, a missing ConfigMap or key is not an error.',
    },
  },
  SecretProjection: {
    description: 'The keys of a Secret, as files of a projected volume.',
    properties: {
      items: 'Which keys to project and where. When given, only these keys appear; a missing listed key is an error unless optional is true.',
      name: 'The name of the Secret, in the pod\'s namespace.',
      optional: 'If true, a missing Secret or key is not an error.',
    },
  },
  DownwardAPIVolumeSource: {
    description: 'Files that expose information about the pod to its containers.',
    properties: {
      defaultMode: `Permission bits for the files, from 0000 to 0777 in octal. Defaults to 0644. ${MODE_NOTE}`,
      items: 'The files to create, each from one pod field or resource amount.',
    },
  },
  DownwardAPIProjection: {
    description: 'Pod information, as files of a projected volume.',
    properties: { items: 'The files to create, each from one pod field or resource amount.' },
  },
  DownwardAPIVolumeFile: {
    description: 'One file holding a field or a resource amount of the pod.',
    properties: {
      fieldRef:
        'The pod field to write: metadata.name, metadata.namespace, metadata.uid, metadata.labels or metadata.annotations (or one label or annotation by key).',
      mode: `Permission bits for this file, from 0000 to 0777 in octal; when unset the volume\'s defaultMode applies. ${MODE_NOTE}`,
      path: 'Where the file goes, relative to the volume\'s root; ".." is not allowed in it.',
      resourceFieldRef: 'A container\'s resource limit or request to write; only limits and requests of cpu, memory and ephemeral-storage are available.',
    },
  },
  ServiceAccountTokenProjection: {
    description:
      'A token for the pod\'s service account, bound to the pod, written to a file and refreshed by the kubelet before it expires (after 80% of its lifetime or 24 hours).',
    properties: {
      audience: 'Who the token is meant for; a receiver should reject a token not addressed to it. Defaults to the API server\'s own audience.',
      expirationSeconds: 'How long the token is valid, in seconds. Defaults to 3600 (one hour); at least 600.',
      path: 'The file, relative to the volume, the token is written to.',
    },
  },
  ClusterTrustBundleProjection: {
    description: 'Certificates taken from ClusterTrustBundle objects and written as one PEM file.',
    properties: {
      labelSelector:
        'Selects the bundles of signerName to include, by label. An empty selector takes all of them; when unset, none are taken.',
      name: 'A single bundle to use, by name. Cannot be combined with signerName and labelSelector.',
      optional: 'If true, a missing bundle or one without certificates gives an empty file instead of blocking the pod from starting.',
      path: 'The file, relative to the volume, the certificates are written to.',
      signerName: 'Take the bundles belonging to this signer (combined with labelSelector).',
    },
  },
  PodCertificateProjection: {
    description:
      'A private key generated by the kubelet and a certificate for it, issued by a signer through a PodCertificateRequest, written into a projected volume and rotated (alpha).',
    properties: {
      certificateChainPath: 'Where to write the issued certificate chain (leaf first). Prefer credentialBundlePath unless separate files are needed.',
      credentialBundlePath:
        'Where to write one PEM file holding the private key followed by the certificate chain, so both can be read together consistently.',
      keyPath: 'Where to write the private key. Prefer credentialBundlePath unless separate files are needed.',
      keyType: 'The kind of key to generate: RSA3072, RSA4096, ECDSAP256, ECDSAP384, ECDSAP521 or ED25519.',
      maxExpirationSeconds:
        'The longest lifetime the certificate may have, in seconds. Defaults to 86400 (24 hours); between 3600 and 7862400 (91 days).',
      signerName: 'The signer the certificate requests are addressed to.',
      userAnnotations: 'Domain-prefixed key/value pairs passed unchecked to the signer in the certificate request.',
    },
  },
  EphemeralVolumeSource: {
    description:
      'A volume with its own PersistentVolumeClaim, created for the pod (named <pod>-<volume>) and owned by it, so it is deleted together with the pod.',
    properties: {
      volumeClaimTemplate:
        'The template of the claim to create. The claim\'s spec is taken as is; its metadata may only carry labels and annotations.',
    },
  },
  PersistentVolumeClaimTemplate: {
    description: 'A template for a PersistentVolumeClaim that is created for a pod.',
    properties: {
      metadata: 'Labels and annotations copied to the created claim.',
      spec: 'The spec of the claim to create.',
    },
  },
  CSIVolumeSource: {
    description: 'An inline volume whose life is managed by a CSI driver that supports ephemeral volumes.',
    properties: {
      driver: 'The registered name of the CSI driver providing the volume, such as a vendor\'s inline-volume driver.',
      fsType: 'The filesystem to mount with, such as ext4; when empty the driver decides.',
      nodePublishSecretRef: 'A Secret in the pod\'s namespace with sensitive data passed to the driver when the volume is mounted.',
      readOnly: 'Mount the volume read-only. Defaults to false.',
      volumeAttributes: 'Driver-specific settings passed to the driver as they are.',
    },
  },
  ImageVolumeSource: {
    description: 'Mounts the content of an OCI image or artifact read-only (files cannot be executed).',
    properties: {
      pullPolicy:
        'When the image is pulled: Always, Never or IfNotPresent. Defaults to Always for the :latest tag or none, IfNotPresent otherwise.',
      reference: 'The image or artifact to mount, as a registry reference; credentials are found like those of container images.',
    },
  },
  NFSVolumeSource: {
    description: 'An NFS export, mounted with the node\'s NFS client.',
    properties: {
      path: 'The exported directory on that machine.',
      readOnly: 'Mount the export read-only. Defaults to false.',
      server: 'Address (DNS name or IP) of the machine exporting the share.',
    },
  },
  GitRepoVolumeSource: {
    description: 'Deprecated: an emptyDir with a git repository cloned into it when the pod starts.',
    properties: {
      directory:
        'The directory to clone into, relative to the volume; "." clones into the volume\'s root. Must not contain "..". Defaults to a subdirectory named after the repository.',
      repository: 'The URL of the repository.',
      revision: 'The commit to check out.',
    },
  },
  LocalVolumeSource: {
    description: 'A disk, partition or directory on one node, used through a PersistentVolume with node affinity.',
    properties: {
      fsType: 'For a block device: the filesystem to create or mount; when empty, a suitable one is chosen.',
      path: 'Absolute path, on that node, of the directory or device to use (a disk, a partition, ...).',
    },
  },
  SecretReference: {
    description: 'Names a Secret in a given namespace.',
    properties: {
      name: 'The Secret\'s name.',
      namespace: 'The Secret\'s namespace.',
    },
  },
  CSIPersistentVolumeSource: {
    description: 'A persistent volume provided by a CSI driver.',
    properties: {
      controllerExpandSecretRef: 'A Secret passed to the driver\'s ControllerExpandVolume call when the volume is resized.',
      controllerPublishSecretRef: 'A Secret passed to the driver\'s ControllerPublishVolume and ControllerUnpublishVolume calls.',
      driver: 'The name of the CSI driver that handles the volume.',
      fsType: 'The filesystem to mount with, such as ext4.',
      nodeExpandSecretRef: 'A Secret passed to the driver\'s NodeExpandVolume call.',
      nodePublishSecretRef: 'A Secret passed to the driver\'s NodePublishVolume call.',
      nodeStageSecretRef: 'A Secret passed to the driver\'s NodeStageVolume and NodeUnstageVolume calls.',
      readOnly: 'Whether the volume is published read-only to the driver\'s controller. Defaults to false.',
      volumeAttributes: 'Driver-specific properties of the volume.',
      volumeHandle: 'The driver\'s own identifier of the volume, as returned when it was created.',
    },
  },
  AWSElasticBlockStoreVolumeSource: legacy('An AWS EBS disk (deprecated in-tree plugin, now served by the EBS CSI driver).', {
    partition: 'The partition of the disk to mount, counted from 1; 0 or unset mounts the whole device.',
    volumeID: 'The EBS volume id, e.g. vol-0123456789abcdef0.',
  }),
  AzureDiskVolumeSource: legacy('An Azure data disk (deprecated in-tree plugin, now served by the Azure Disk CSI driver).', {
    cachingMode: 'How the host caches the disk: None, ReadOnly or ReadWrite.',
    diskName: 'The disk, by name.',
    diskURI: 'The URI of the disk.',
    kind: 'Shared (several disks per storage account), Dedicated (one per account) or Managed (an Azure managed disk, the default).',
  }),
  AzureFileVolumeSource: legacy('An Azure File share (deprecated in-tree plugin, now served by the Azure File CSI driver).', {
    secretName: 'The Secret with the credentials (account name and key) for the Azure storage account.',
    shareName: 'The name of the share.',
  }),
  AzureFilePersistentVolumeSource: legacy('An Azure File share (deprecated in-tree plugin, now served by the Azure File CSI driver).', {
    secretName: 'The Secret with the credentials (account name and key) for the Azure storage account.',
    secretNamespace: 'The namespace of that Secret; defaults to the pod\'s namespace.',
    shareName: 'The name of the share.',
  }),
  CephFSVolumeSource: legacy('A CephFS mount (in-tree plugin no longer supported).', {
    monitors: 'Addresses of the Ceph monitors.',
    path: 'The path inside the filesystem to mount. Defaults to /.',
    secretFile: 'A file on the node holding the user\'s key. Defaults to /etc/ceph/user.secret.',
    secretRef: 'A Secret holding the user\'s key, used instead of secretFile.',
    user: 'The Ceph user name. Defaults to admin.',
  }),
  CephFSPersistentVolumeSource: legacy('A CephFS mount (in-tree plugin no longer supported).', {
    monitors: 'Addresses of the Ceph monitors.',
    path: 'The path inside the filesystem to mount. Defaults to /.',
    secretFile: 'A file on the node holding the user\'s key. Defaults to /etc/ceph/user.secret.',
    secretRef: 'A Secret holding the user\'s key, used instead of secretFile.',
    user: 'The Ceph user name. Defaults to admin.',
  }),
  CinderVolumeSource: legacy('An OpenStack Cinder volume (deprecated in-tree plugin, now served by the Cinder CSI driver).', {
    secretRef: 'A Secret with the settings needed to reach OpenStack.',
    volumeID: 'The Cinder volume id.',
  }),
  CinderPersistentVolumeSource: legacy('An OpenStack Cinder volume (deprecated in-tree plugin, now served by the Cinder CSI driver).', {
    secretRef: 'A Secret with the settings needed to reach OpenStack.',
    volumeID: 'The Cinder volume id.',
  }),
  FCVolumeSource: legacy('A Fibre Channel disk. Give either targetWWNs with lun, or wwids.', {
    lun: 'The logical unit number on the target.',
    targetWWNs: 'World wide names of the target ports.',
    wwids: 'World wide identifiers of the volume.',
  }),
  FlexVolumeSource: legacy('A volume mounted by an exec-based FlexVolume driver (deprecated).', {
    driver: 'Which FlexVolume driver mounts the volume.',
    fsType: 'The filesystem to use; the default depends on the driver.',
    options: 'Extra options passed to the driver.',
    secretRef: 'A Secret whose data is passed to the driver.',
  }),
  FlexPersistentVolumeSource: legacy('A volume mounted by an exec-based FlexVolume driver (deprecated).', {
    driver: 'Which FlexVolume driver mounts the volume.',
    fsType: 'The filesystem to use; the default depends on the driver.',
    options: 'Extra options passed to the driver.',
    secretRef: 'A Secret whose data is passed to the driver.',
  }),
  FlockerVolumeSource: {
    description: 'A Flocker dataset (in-tree plugin no longer supported).',
    properties: {
      datasetName: 'The name of the dataset (its metadata name); deprecated.',
      datasetUUID: 'The dataset, by UUID.',
    },
  },
  GCEPersistentDiskVolumeSource: legacy('A GCE persistent disk (deprecated in-tree plugin, now served by the GCE PD CSI driver).', {
    partition: 'The partition of the disk to mount, counted from 1; 0 or unset mounts the whole device.',
    pdName: 'The disk, by its GCE name.',
  }),
  GlusterfsVolumeSource: {
    description: 'A GlusterFS mount (in-tree plugin no longer supported).',
    properties: {
      endpoints: 'The name of the Endpoints object listing the Gluster servers.',
      path: 'The Gluster volume path.',
      readOnly: READ_ONLY,
    },
  },
  GlusterfsPersistentVolumeSource: {
    description: 'A GlusterFS mount (in-tree plugin no longer supported).',
    properties: {
      endpoints: 'The name of the Endpoints object listing the Gluster servers.',
      endpointsNamespace: 'The namespace of that Endpoints object; defaults to the claim\'s namespace.',
      path: 'The Gluster volume path.',
      readOnly: READ_ONLY,
    },
  },
  ISCSIVolumeSource: legacy('An iSCSI disk, attached to the node and mounted into the pod.', {
    chapAuthDiscovery: 'Whether iSCSI discovery uses CHAP authentication.',
    chapAuthSession: 'Whether the iSCSI session uses CHAP authentication.',
    initiatorName: 'A custom initiator name; when set, a new interface <portal>:<volume> is created for the connection.',
    iqn: 'The iSCSI qualified name of the target.',
    iscsiInterface: 'The iSCSI interface to use. Defaults to default (tcp).',
    lun: 'The logical unit number of the target.',
    portals: 'More target portals, as ip or ip:port (port 3260 by default).',
    secretRef: 'A Secret with the CHAP credentials.',
    targetPortal: 'The target portal, as ip or ip:port (port 3260 by default).',
  }),
  ISCSIPersistentVolumeSource: legacy('An iSCSI disk, attached to the node and mounted into the pod.', {
    chapAuthDiscovery: 'Whether iSCSI discovery uses CHAP authentication.',
    chapAuthSession: 'Whether the iSCSI session uses CHAP authentication.',
    initiatorName: 'A custom initiator name; when set, a new interface <portal>:<volume> is created for the connection.',
    iqn: 'The iSCSI qualified name of the target.',
    iscsiInterface: 'The iSCSI interface to use. Defaults to default (tcp).',
    lun: 'The logical unit number of the target.',
    portals: 'More target portals, as ip or ip:port (port 3260 by default).',
    secretRef: 'A Secret with the CHAP credentials.',
    targetPortal: 'The target portal, as ip or ip:port (port 3260 by default).',
  }),
  PhotonPersistentDiskVolumeSource: {
    description: 'A VMware Photon Controller disk (in-tree plugin no longer supported).',
    properties: { fsType: FS_TYPE, pdID: 'The id of the disk.' },
  },
  PortworxVolumeSource: legacy('A Portworx volume (deprecated in-tree plugin, now served by the Portworx CSI driver).', {
    fsType: 'The filesystem to mount with, such as ext4 or xfs; ext4 when empty.',
    volumeID: 'The Portworx volume id.',
  }),
  QuobyteVolumeSource: {
    description: 'A Quobyte mount (in-tree plugin no longer supported).',
    properties: {
      group: 'The group the volume is accessed as. Defaults to none.',
      readOnly: READ_ONLY,
      registry: 'Quobyte registry addresses, as host:port pairs separated by commas.',
      tenant: 'The tenant owning the volume.',
      user: 'The user the volume is accessed as. Defaults to serviceaccount.',
      volume: 'The name of an existing Quobyte volume.',
    },
  },
  RBDVolumeSource: legacy('A Ceph RBD image (in-tree plugin no longer supported).', {
    image: 'The name of the RBD image.',
    keyring: 'The keyring file of the user. Defaults to /etc/ceph/keyring.',
    monitors: 'Addresses of the Ceph monitors.',
    pool: 'The RADOS pool. Defaults to rbd.',
    secretRef: 'A Secret with the user\'s key, used instead of keyring.',
    user: 'The RADOS user. Defaults to admin.',
  }),
  RBDPersistentVolumeSource: legacy('A Ceph RBD image (in-tree plugin no longer supported).', {
    image: 'The name of the RBD image.',
    keyring: 'The keyring file of the user. Defaults to /etc/ceph/keyring.',
    monitors: 'Addresses of the Ceph monitors.',
    pool: 'The RADOS pool. Defaults to rbd.',
    secretRef: 'A Secret with the user\'s key, used instead of keyring.',
    user: 'The RADOS user. Defaults to admin.',
  }),
  ScaleIOVolumeSource: legacy('A ScaleIO volume (in-tree plugin no longer supported).', {
    fsType: 'The filesystem to mount with; xfs when empty.',
    gateway: 'Where the ScaleIO API gateway is reached.',
    protectionDomain: 'The protection domain of the storage.',
    secretRef: 'A Secret with the ScaleIO user credentials.',
    sslEnabled: 'Whether the gateway is reached over SSL. Defaults to false.',
    storageMode: 'ThickProvisioned or ThinProvisioned. Defaults to ThinProvisioned.',
    storagePool: 'The storage pool of the protection domain.',
    system: 'Which ScaleIO system holds the volume.',
    volumeName: 'The name of an existing volume.',
  }),
  ScaleIOPersistentVolumeSource: legacy('A ScaleIO volume (in-tree plugin no longer supported).', {
    fsType: 'The filesystem to mount with; xfs when empty.',
    gateway: 'Where the ScaleIO API gateway is reached.',
    protectionDomain: 'The protection domain of the storage.',
    secretRef: 'A Secret with the ScaleIO user credentials.',
    sslEnabled: 'Whether the gateway is reached over SSL. Defaults to false.',
    storageMode: 'ThickProvisioned or ThinProvisioned. Defaults to ThinProvisioned.',
    storagePool: 'The storage pool of the protection domain.',
    system: 'Which ScaleIO system holds the volume.',
    volumeName: 'The name of an existing volume.',
  }),
  StorageOSVolumeSource: legacy('A StorageOS volume (in-tree plugin no longer supported).', {
    secretRef: 'A Secret with the StorageOS API credentials.',
    volumeName: 'The name of the volume, unique within its namespace.',
    volumeNamespace: 'The StorageOS namespace of the volume; defaults to the pod\'s namespace.',
  }),
  StorageOSPersistentVolumeSource: legacy('A StorageOS volume (in-tree plugin no longer supported).', {
    secretRef: 'A Secret with the StorageOS API credentials.',
    volumeName: 'The name of the volume, unique within its namespace.',
    volumeNamespace: 'The StorageOS namespace of the volume; defaults to the claim\'s namespace.',
  }),
  VsphereVirtualDiskVolumeSource: legacy('A vSphere VMDK (deprecated in-tree plugin, now served by the vSphere CSI driver).', {
    storagePolicyID: 'The id of the storage policy (SPBM) matching storagePolicyName.',
    storagePolicyName: 'The name of the storage policy (SPBM) to apply.',
    volumePath: 'The path of the VMDK file in the datastore.',
  }),
};

/** legacy() adds the shared fsType/readOnly texts to every plugin; drop them where the
 *  plugin's schema has no such field. */
function dropSharedExtras(texts: DescriptionMap): DescriptionMap {
  for (const [name, text] of Object.entries(texts)) {
    const props = (DEFINITIONS[name]?.properties ?? {}) as Record<string, unknown>;
    for (const p of ['fsType', 'readOnly']) if (text.properties?.[p] && !(p in props)) delete text.properties[p];
  }
  return texts;
}

export const VOLUME_DESCRIPTIONS: DescriptionMap = dropSharedExtras(withPrefix('io.k8s.api.core.v1.', VOLUME));
