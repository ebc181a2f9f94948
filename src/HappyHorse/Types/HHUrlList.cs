using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace HappyHorse
{
    /// <summary>
    /// URLs of a result, in the server's order: a read-only list (index it, count it, pipe it) that
    /// shows as the URLs separated by spaces, so Export-Csv writes them instead of "System.String[]".
    /// </summary>
    public sealed class HHUrlList : ReadOnlyCollection<string>
    {
        public HHUrlList(IList<string> urls) : base(urls) { }

        /// <summary>The number of URLs, as on the string array this list replaces.</summary>
        public int Length => Count;

        public override string ToString() => string.Join(" ", this);

        public static implicit operator HHUrlList(string[] urls) => new HHUrlList(urls);
    }
}
