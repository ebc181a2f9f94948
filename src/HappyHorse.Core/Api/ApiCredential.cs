using System;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security;

namespace HappyHorse.Api
{
    /// <summary>
    /// The bearer token. It stays a SecureString until the moment a request needs its header, so it
    /// cannot leak through ToString(), serialisation or a debugger display of the objects around it.
    /// </summary>
    internal sealed class ApiCredential
    {
        private readonly SecureString _token;

        public ApiCredential(SecureString token)
        {
            if (token == null) throw new ArgumentNullException(nameof(token));
            _token = token.Copy();
            _token.MakeReadOnly();
        }

        public static ApiCredential FromPlainText(string token)
        {
            var secure = new SecureString();
            foreach (char c in token) secure.AppendChar(c);
            return new ApiCredential(secure);
        }

        public bool IsEmpty => _token.Length == 0;

        internal AuthenticationHeaderValue CreateHeader() => new AuthenticationHeaderValue("Bearer", Reveal());

        internal string Reveal()
        {
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(_token);
                return Marshal.PtrToStringUni(ptr) ?? string.Empty;
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }

        public override string ToString() => "ApiCredential(****)";
    }
}
