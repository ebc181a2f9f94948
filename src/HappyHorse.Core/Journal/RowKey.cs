using System.Security.Cryptography;
using System.Text;

namespace HappyHorse.Journal
{
    /// <summary>A row's identity across runs: the model and the exact request body it produces.</summary>
    internal static class RowKey
    {
        public static string For(string model, byte[] body)
        {
            using var sha = SHA256.Create();
            byte[] prefix = Encoding.UTF8.GetBytes(model + "\n");
            sha.TransformBlock(prefix, 0, prefix.Length, null, 0);
            sha.TransformFinalBlock(body, 0, body.Length);
            var text = new StringBuilder(64);
            foreach (byte b in sha.Hash!) text.Append(b.ToString("x2"));
            return text.ToString();
        }
    }
}
