using System;
using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;

namespace HappyHorse.Cmdlets
{
    /// <summary>Model prices read from the catalog once per model and API per session (runspace).</summary>
    internal static class PriceBook
    {
        private static readonly ConditionalWeakTable<Runspace, ConcurrentDictionary<string, ModelPrice?>> ByRunspace =
            new ConditionalWeakTable<Runspace, ConcurrentDictionary<string, ModelPrice?>>();

        /// <summary>Call on the pipeline thread (the cache is the caller's runspace's); the fetch itself runs off it.</summary>
        public static Func<CancellationToken, Task<ModelPrice?>> Lookup(RunComfyClient client, string model)
        {
            var cache = Runspace.DefaultRunspace is Runspace rs ? ByRunspace.GetValue(rs, _ => new ConcurrentDictionary<string, ModelPrice?>(StringComparer.OrdinalIgnoreCase)) : null;
            string key = client.BaseUri.AbsoluteUri + "|" + model;
            return async ct =>
            {
                if (cache != null && cache.TryGetValue(key, out var known)) return known;
                var price = await client.GetModelPriceAsync(model, ct).ConfigureAwait(false);
                cache?.TryAdd(key, price);
                return price;
            };
        }
    }
}
