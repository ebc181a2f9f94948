namespace HappyHorse.Emulator.Simulation;

/// <summary>
/// Counts queued jobs by submission sequence number so a queue position is an O(log n) prefix sum,
/// which keeps polling cheap with 10,000 jobs waiting. Grows by doubling.
/// </summary>
internal sealed class FenwickTree
{
    private int[] _tree = new int[1025]; // 1-based; capacity stays a power of two

    private int Capacity => _tree.Length - 1;

    public void Add(long index, int delta)
    {
        while (index > Capacity) Grow();
        for (long i = index; i <= Capacity; i += i & -i) _tree[i] += delta;
    }

    /// <summary>Sum of the values at 1..index.</summary>
    public int PrefixSum(long index)
    {
        int sum = 0;
        for (long i = Math.Min(index, Capacity); i > 0; i -= i & -i) sum += _tree[i];
        return sum;
    }

    public void Clear() => _tree = new int[1025];

    // With a power-of-two capacity n, node 2n covers 1..2n (= old total, held by node n) and the
    // nodes between n and 2n cover only new, zero slots: doubling is a copy plus one write.
    private void Grow()
    {
        int n = Capacity;
        var grown = new int[(2 * n) + 1];
        Array.Copy(_tree, grown, _tree.Length);
        grown[2 * n] = _tree[n];
        _tree = grown;
    }
}
