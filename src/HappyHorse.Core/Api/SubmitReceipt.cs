using System;

namespace HappyHorse.Api
{
    /// <summary>What the API answers to an accepted submit.</summary>
    internal sealed class SubmitReceipt
    {
        public SubmitReceipt(string requestId, Uri? statusUrl, Uri? resultUrl, Uri? cancelUrl)
        {
            RequestId = requestId;
            StatusUrl = statusUrl;
            ResultUrl = resultUrl;
            CancelUrl = cancelUrl;
        }

        public string RequestId { get; }
        public Uri? StatusUrl { get; }
        public Uri? ResultUrl { get; }
        public Uri? CancelUrl { get; }
    }
}
