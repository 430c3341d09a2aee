package io.pvscope.core.internal;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;

import io.grpc.LoadBalancerProvider;
import io.grpc.LoadBalancerRegistry;

/**
 * Gives gRPC's load-balancer registry the providers it finds by itself on a flat class path. Inside OSGi its
 * ServiceLoader looks only through the grpc-api bundle, which cannot read another bundle's
 * {@code META-INF/services}, so the channel would find no "pick_first" policy. This reads each bundle's
 * provider list through that bundle's own class loader, as ServiceLoader would on one class path.
 */
final class BundledLoadBalancers {

    private static final String SERVICE_FILE = "META-INF/services/" + LoadBalancerProvider.class.getName();

    private BundledLoadBalancers() {
    }

    /** Registers every provider the bundles declare whose policy the registry does not know yet. */
    static void register() {
        Bundle own = FrameworkUtil.getBundle(BundledLoadBalancers.class);
        BundleContext context = own == null ? null : own.getBundleContext();
        if (context == null) {
            // Not inside OSGi (or not started): gRPC's own ServiceLoader lookup already saw the class path.
            return;
        }
        LoadBalancerRegistry registry = LoadBalancerRegistry.getDefaultRegistry();
        for (Bundle bundle : context.getBundles()) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            // No wiring: not resolved; no class loader: a fragment, whose host lists its providers.
            ClassLoader loader = wiring == null ? null : wiring.getClassLoader();
            if (loader == null || bundle.getEntry(SERVICE_FILE) == null) {
                continue;
            }
            Iterator<LoadBalancerProvider> providers = ServiceLoader.load(LoadBalancerProvider.class, loader)
                    .iterator();
            while (hasNext(providers)) {
                try {
                    LoadBalancerProvider provider = providers.next();
                    if (provider.isAvailable() && registry.getProvider(provider.getPolicyName()) == null) {
                        registry.register(provider);
                    }
                } catch (ServiceConfigurationError e) {
                    // A provider that cannot load is skipped, as gRPC skips it on a class path.
                }
            }
        }
    }

    /** False also when the next line of the provider list cannot be read: the rest of that list is left. */
    private static boolean hasNext(Iterator<LoadBalancerProvider> providers) {
        try {
            return providers.hasNext();
        } catch (ServiceConfigurationError e) {
            return false;
        }
    }
}
