using System.IO;

namespace HappyHorse.Api
{
    /// <summary>
    /// A streamed body stopped before its last byte on purpose (a file it reads changed after it was
    /// checked). The server got less than the Content-Length it was promised, so it cannot have
    /// accepted the request: the submit is "not sent", not "outcome unknown".
    /// </summary>
    internal sealed class BodyNotCompletedException : IOException
    {
        public BodyNotCompletedException(string message) : base(message)
        {
        }
    }
}
