using System.Threading;

namespace HappyHorse.Input
{
    /// <summary>
    /// Counts the per-row texts that only -WhatIf, -Confirm or -Verbose show (the indented body, the
    /// ShouldProcess messages), so a test can prove they are not built when nothing asked for them.
    /// </summary>
    internal static class PerRowWork
    {
        private static long _indentedBodies;
        private static long _confirmTexts;

        public static long IndentedBodies => Interlocked.Read(ref _indentedBodies);

        public static long ConfirmTexts => Interlocked.Read(ref _confirmTexts);

        internal static void CountIndentedBody() => Interlocked.Increment(ref _indentedBodies);

        internal static void CountConfirmText() => Interlocked.Increment(ref _confirmTexts);
    }
}
