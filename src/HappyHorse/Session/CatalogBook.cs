using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Input;

namespace HappyHorse.Session
{
    /// <summary>What the catalog says of a model that matters before paying: its price and its input schema.</summary>
    internal sealed class CatalogEntry
    {
        public CatalogEntry(ModelPrice? price, ModelInputSchema? schema)
        {
            Price = price;
            Schema = schema;
        }

        public ModelPrice? Price { get; }
        public ModelInputSchema? Schema { get; }
    }

    /// <summary>Catalog entries read once per model and API per session (runspace).</summary>
    internal static class CatalogBook
    {
        private static readonly RunspaceStore<ConcurrentDictionary<string, CatalogEntry>> ByRunspace =
            new RunspaceStore<ConcurrentDictionary<string, CatalogEntry>>(() => new ConcurrentDictionary<string, CatalogEntry>(StringComparer.OrdinalIgnoreCase));

        /// <summary>Call on the pipeline thread (the cache is the caller's runspace's); the fetch itself runs off it.</summary>
        public static Func<CancellationToken, Task<CatalogEntry>> Lookup(RunComfyClient client, string model)
        {
            var cache = ByRunspace.GetOrCreate();
            string key = client.BaseUri.AbsoluteUri + "|" + model;
            return async ct =>
            {
                if (cache != null && cache.TryGetValue(key, out var known)) return known;
                var root = await client.GetModelAsync(model, ct).ConfigureAwait(false);
                var schema = root.TryGetProperty("input_schema", out var input) ? ModelInputSchema.Parse(input) : null;
                var entry = new CatalogEntry(ModelPrice.FromCatalog(model, root), schema);
                cache?.TryAdd(key, entry);
                return entry;
            };
        }

        /// <summary>The entry this session already read for <paramref name="model"/> on <paramref name="baseUri"/>, or null: never fetches.</summary>
        public static CatalogEntry? Known(string baseUri, string model)
        {
            if (!(ByRunspace.Current is ConcurrentDictionary<string, CatalogEntry> cache)) return null;
            return cache.TryGetValue(baseUri.TrimEnd('/') + "/|" + model, out var entry) ? entry : null;
        }
    }
}
