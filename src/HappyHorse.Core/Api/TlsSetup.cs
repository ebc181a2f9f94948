using System;
using System.Net;
using System.Runtime.InteropServices;

namespace HappyHorse.Api
{
    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, whose default may still be TLS 1.0 only;
    /// RunComfy needs 1.2 or newer. .NET (PowerShell 7) negotiates with the OS and is left alone, as
    /// is a Framework already on SystemDefault (0), which lets the OS pick TLS 1.3 where it can.
    /// </summary>
    internal static class TlsSetup
    {
        private const SecurityProtocolType Tls13 = (SecurityProtocolType)12288;

        public static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public static void EnsureModernTls()
        {
            if (!IsNetFramework) return;
            var current = ServicePointManager.SecurityProtocol;
            var wanted = Upgrade(current, withTls13: true);
            if (wanted == current) return;
            try { ServicePointManager.SecurityProtocol = wanted; }
            catch (NotSupportedException)
            {
                // A Framework older than 4.8 does not know TLS 1.3.
                try { ServicePointManager.SecurityProtocol = Upgrade(current, withTls13: false); }
                catch (NotSupportedException) { }
            }
        }

        /// <summary>The protocols to allow: the current ones plus TLS 1.2 (and 1.3), unless the OS already decides.</summary>
        public static SecurityProtocolType Upgrade(SecurityProtocolType current, bool withTls13)
        {
            if (current == 0) return current;
            return current | SecurityProtocolType.Tls12 | (withTls13 ? Tls13 : 0);
        }
    }
}
