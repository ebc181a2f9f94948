using System.Globalization;

namespace HappyHorse.Bench;

/// <summary>The GC's own account after its last collection: heap by generation, what is committed beyond it, and what that collection promoted.</summary>
internal static class GcAccount
{
    public static string Describe()
    {
        GCMemoryInfo gc = GC.GetGCMemoryInfo(GCKind.Any);
        static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
        var g = gc.GenerationInfo;
        return $"heap {Mb(gc.HeapSizeBytes)} MB (gen0 {Mb(g[0].SizeAfterBytes)}, gen1 {Mb(g[1].SizeAfterBytes)}, gen2 {Mb(g[2].SizeAfterBytes)}, LOH {Mb(g[3].SizeAfterBytes)}), " +
               $"fragmented {Mb(gc.FragmentedBytes)}, committed {Mb(gc.TotalCommittedBytes)} MB; collection #{gc.Index} (gen{gc.Generation}{(gc.Compacted ? ", compacting" : "")}{(gc.Concurrent ? ", background" : "")}, " +
               $"promoted {Mb(gc.PromotedBytes)} MB); collections so far {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen0/1/2)";
    }
}
