namespace HappyHorse.Preflight
{
    /// <summary>One broken rule: its name (see <see cref="ImageRules"/>) and what was found and what is allowed.</summary>
    public sealed class ImageProblem
    {
        public ImageProblem(string rule, string message)
        {
            Rule = rule;
            Message = message;
        }

        public string Rule { get; }

        /// <summary>A sentence without the URL, e.g. "is 300x900 px, short side 300 px; allowed: at least 400 px."</summary>
        public string Message { get; }

        public override string ToString() => Rule + ": " + Message;
    }
}
