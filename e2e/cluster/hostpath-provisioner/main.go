// hostpath-provisioner: a minimal dynamic provisioner for the single-node test cluster.
//
// For every Pending PVC whose StorageClass names this provisioner it creates a hostPath PV under
// <root>/<namespace>-<pvc>-<uid>, pre-bound to the claim (the PV controller completes the binding). PVs it made
// that become Released are deleted together with their directory when the reclaim policy is Delete.
// It runs as a host process next to kubelet (hostPath is node-local; the cluster has one node).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/util/workqueue"
)

const annProvisionedBy = "pv.kubernetes.io/provisioned-by"

type provisioner struct {
	name   string
	root   string
	node   string
	client kubernetes.Interface
	scs    cache.Indexer
	pvcs   cache.Indexer
	pvs    cache.Indexer
	queue  workqueue.TypedRateLimitingInterface[string]
}

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig path")
	name := flag.String("name", "rfg.dev/hostpath", "provisioner name that StorageClasses refer to")
	root := flag.String("root", "/var/lib/rfg-cluster/volumes", "directory under which volumes are created")
	node := flag.String("node", "", "node name for the PV node affinity (empty: none)")
	flag.Parse()

	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		log.Fatalf("kubeconfig: %v", err)
	}
	client := kubernetes.NewForConfigOrDie(cfg)
	if err := os.MkdirAll(*root, 0o755); err != nil {
		log.Fatal(err)
	}
	f := informers.NewSharedInformerFactory(client, 5*time.Minute)
	p := &provisioner{
		name: *name, root: *root, node: *node, client: client,
		scs:   f.Storage().V1().StorageClasses().Informer().GetIndexer(),
		pvcs:  f.Core().V1().PersistentVolumeClaims().Informer().GetIndexer(),
		pvs:   f.Core().V1().PersistentVolumes().Informer().GetIndexer(),
		queue: workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
	}
	enqueue := func(prefix string) cache.ResourceEventHandlerFuncs {
		add := func(obj interface{}) {
			if k, err := cache.MetaNamespaceKeyFunc(obj); err == nil {
				p.queue.Add(prefix + k)
			}
		}
		return cache.ResourceEventHandlerFuncs{AddFunc: add, UpdateFunc: func(_, o interface{}) { add(o) }}
	}
	f.Core().V1().PersistentVolumeClaims().Informer().AddEventHandler(enqueue("pvc/"))
	f.Core().V1().PersistentVolumes().Informer().AddEventHandler(enqueue("pv/"))
	ctx := context.Background()
	f.Start(ctx.Done())
	f.WaitForCacheSync(ctx.Done())
	log.Printf("hostpath provisioner %q ready, root %s", p.name, p.root)
	for {
		item, quit := p.queue.Get()
		if quit {
			return
		}
		var err error
		if strings.HasPrefix(item, "pvc/") {
			err = p.syncClaim(ctx, strings.TrimPrefix(item, "pvc/"))
		} else {
			err = p.syncVolume(ctx, strings.TrimPrefix(item, "pv/"))
		}
		if err != nil {
			log.Printf("%s: %v (retrying)", item, err)
			p.queue.AddRateLimited(item)
		} else {
			p.queue.Forget(item)
		}
		p.queue.Done(item)
	}
}

func (p *provisioner) className(pvc *v1.PersistentVolumeClaim) string {
	if pvc.Spec.StorageClassName != nil {
		return *pvc.Spec.StorageClassName
	}
	return ""
}

func (p *provisioner) syncClaim(ctx context.Context, key string) error {
	obj, ok, err := p.pvcs.GetByKey(key)
	if err != nil || !ok {
		return err
	}
	pvc := obj.(*v1.PersistentVolumeClaim)
	if pvc.Spec.VolumeName != "" || pvc.Status.Phase != v1.ClaimPending || pvc.DeletionTimestamp != nil {
		return nil
	}
	scObj, ok, err := p.scs.GetByKey(p.className(pvc))
	if err != nil || !ok {
		return err // no class (yet): the PV controller assigns the default class, which brings an update
	}
	sc := scObj.(*storagev1.StorageClass)
	if sc.Provisioner != p.name {
		return nil
	}
	if sc.VolumeBindingMode != nil && *sc.VolumeBindingMode == storagev1.VolumeBindingWaitForFirstConsumer &&
		pvc.Annotations["volume.kubernetes.io/selected-node"] == "" {
		return nil // the scheduler picks the node first
	}
	pvName := "pvc-" + string(pvc.UID)
	if _, ok, _ := p.pvs.GetByKey(pvName); ok {
		return nil
	}
	dir := filepath.Join(p.root, fmt.Sprintf("%s-%s-%s", pvc.Namespace, pvc.Name, pvc.UID))
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	_ = os.Chmod(dir, 0o777) // any pod uid may write, like local-path-provisioner
	reclaim := v1.PersistentVolumeReclaimDelete
	if sc.ReclaimPolicy != nil {
		reclaim = *sc.ReclaimPolicy
	}
	modes := pvc.Spec.AccessModes
	if len(modes) == 0 {
		modes = []v1.PersistentVolumeAccessMode{v1.ReadWriteOnce}
	}
	hpType := v1.HostPathDirectoryOrCreate
	pv := &v1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{Name: pvName, Annotations: map[string]string{annProvisionedBy: p.name}},
		Spec: v1.PersistentVolumeSpec{
			Capacity:                      v1.ResourceList{v1.ResourceStorage: pvc.Spec.Resources.Requests[v1.ResourceStorage]},
			AccessModes:                   modes,
			PersistentVolumeReclaimPolicy: reclaim,
			StorageClassName:              sc.Name,
			VolumeMode:                    pvc.Spec.VolumeMode,
			MountOptions:                  sc.MountOptions,
			ClaimRef: &v1.ObjectReference{Kind: "PersistentVolumeClaim", APIVersion: "v1", Namespace: pvc.Namespace,
				Name: pvc.Name, UID: pvc.UID, ResourceVersion: pvc.ResourceVersion},
			PersistentVolumeSource: v1.PersistentVolumeSource{HostPath: &v1.HostPathVolumeSource{Path: dir, Type: &hpType}},
		},
	}
	if p.node != "" {
		pv.Spec.NodeAffinity = &v1.VolumeNodeAffinity{Required: &v1.NodeSelector{NodeSelectorTerms: []v1.NodeSelectorTerm{{
			MatchExpressions: []v1.NodeSelectorRequirement{{Key: "kubernetes.io/hostname", Operator: v1.NodeSelectorOpIn, Values: []string{p.node}}},
		}}}}
	}
	if _, err := p.client.CoreV1().PersistentVolumes().Create(ctx, pv, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
		return err
	}
	log.Printf("provisioned %s for %s/%s at %s", pvName, pvc.Namespace, pvc.Name, dir)
	return nil
}

func (p *provisioner) syncVolume(ctx context.Context, key string) error {
	obj, ok, err := p.pvs.GetByKey(key)
	if err != nil || !ok {
		return err
	}
	pv := obj.(*v1.PersistentVolume)
	if pv.Annotations[annProvisionedBy] != p.name || pv.Status.Phase != v1.VolumeReleased ||
		pv.Spec.PersistentVolumeReclaimPolicy != v1.PersistentVolumeReclaimDelete || pv.Spec.HostPath == nil {
		return nil
	}
	dir := pv.Spec.HostPath.Path
	if !strings.HasPrefix(dir, p.root+"/") {
		return fmt.Errorf("refusing to delete %s outside %s", dir, p.root)
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	err = p.client.CoreV1().PersistentVolumes().Delete(ctx, pv.Name, metav1.DeleteOptions{})
	if err != nil && !apierrors.IsNotFound(err) {
		return err
	}
	log.Printf("deleted %s and %s", pv.Name, dir)
	return nil
}
