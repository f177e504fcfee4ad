namespace Sessions.AspNetCore;

/// <summary>
/// A fixed number of slots holding one entry each, placed by a hash of the entry's key that is seeded per process (so a
/// client cannot aim at a slot): memory is bounded by the slot count and nothing is ever swept. Reads take no lock; a
/// writer replaces a slot only if it still holds what the writer read, so a lost race drops one update, never corrupts.
/// Which entry may take over a slot is the caller's rule.
/// </summary>
internal sealed class FixedSlots<T>(int capacity)
    where T : class
{
    private readonly T?[] _slots = new T?[capacity];

    public int IndexOf(string key, int kind = 0) => (int)((uint)HashCode.Combine(kind, key) % (uint)_slots.Length);

    public T? Read(int index) => Volatile.Read(ref _slots[index]);

    /// <summary>Puts <paramref name="entry"/> in the slot if it still holds <paramref name="seen"/>; false when another writer came first.</summary>
    public bool Replace(int index, T? seen, T entry) => Interlocked.CompareExchange(ref _slots[index], entry, seen) == seen;
}
