namespace HappyHorse.Api
{
    /// <summary>
    /// What an answer was about ("the status of " and an id), as an error message names it. Kept in two
    /// parts and joined only when a message is made: a poll that succeeds never shows it.
    /// </summary>
    internal readonly struct ReplySubject
    {
        private readonly string _what;
        private readonly string? _id;

        public ReplySubject(string what, string? id = null)
        {
            _what = what;
            _id = id;
        }

        public override string ToString() => _id == null ? _what : _what + _id;
    }
}
