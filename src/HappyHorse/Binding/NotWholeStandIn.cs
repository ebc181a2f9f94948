using System;

namespace HappyHorse.Binding
{
    /// <summary>
    /// A value that is not a whole number, given to an Int32 parameter (-Duration 5.5, -Seed 'x').
    /// PowerShell would round 5.5 to a paid 6 s, or stop with its generic conversion message; instead
    /// the value binds as a stand-in outside every range, and the row reader turns it back into what
    /// was given, so the row is refused with the same per-row message as a CSV cell "5.5".
    /// </summary>
    internal static class NotWholeStandIn
    {
        private const int Slots = 4096;
        private const int First = int.MinValue;
        private static readonly object?[] Given = new object?[Slots];
        private static int _next;

        /// <summary>The stand-in to bind in place of <paramref name="given"/>.</summary>
        public static int For(object given)
        {
            lock (Given)
            {
                int slot = _next;
                _next = (_next + 1) % Slots;
                Given[slot] = given;
                return First + slot;
            }
        }

        /// <summary>The value given, when <paramref name="bound"/> is a stand-in; else <paramref name="bound"/> itself.</summary>
        public static object? Original(object? bound)
        {
            if (!(bound is int i) || i >= First + Slots) return bound;
            lock (Given) return Given[i - First] ?? bound;
        }
    }
}
