"""Every exact name and value the Amazon Connect guide gives for the AWS side, in one place.

Copied exactly from the vendor's guide ("Contact Channel Analytics", seeds/004) so that a check, a
fix and the text the admin reads can never disagree about a spelling. Nothing here is a secret.
"""

from __future__ import annotations

GUIDE_ID = "amazon-connect"

# Guide page ids (GUIDE_PAGES.md).
PAGE_CLOUDFORMATION = "cloudformation"
PAGE_CLOUDFRONT_KEYS = "cloudfront-keys"
PAGE_BUCKET_CORS = "recordings-bucket-cors"
PAGE_STREAMING_IAM_USER = "streaming-iam-user"
PAGE_EDGE_LAMBDA = "edge-lambda"
PAGE_NAMED_CREDENTIAL = "salesforce-named-credential"
PAGE_PERMISSION_SET = "call-recording-permission-set"
PAGE_CONTACT_FLOW = "contact-flow-recording"
PAGE_TROUBLESHOOTING = "troubleshooting"
PAGE_TRANSCRIPTS = "recording-transcripts"
PAGE_ANALYSIS = "contact-analysis"

# CloudFormation stack of the AWS Serverless Application Repository for Salesforce.
PARAM_RECORDING_IMPORT = "PostcallRecordingImportEnabled"
PARAM_TRANSCRIBE = "PostcallTranscribeEnabled"
PARAM_RECORDING_BUCKET = "ConnectRecordingS3BucketName"
PARAM_TRANSCRIBE_BUCKET = "TranscribeOutputS3BucketName"
PARAM_SECRET_ARN = "SalesforceCredentialsSecretsManagerARN"
#: Parameters that only the Salesforce Lambdas template has; used to find its stack.
STACK_SIGNATURE_PARAMS = (PARAM_RECORDING_IMPORT, PARAM_RECORDING_BUCKET)

# Lambda functions.
CTR_TRIGGER = "sfCTRTrigger"
#: The template's default timeout of sfCTRTrigger, in seconds.
CTR_TRIGGER_DEFAULT_TIMEOUT = 20
#: Above this many concurrent calls the guide says the sfCTRTrigger timeout may need raising.
CONCURRENT_CALLS_THRESHOLD = 1000
GENERATE_FUNCTION = "sfGenerateAudioRecordingStreaming"
#: What the guide tells the admin to type in the Lambda console's search box.
GENERATE_FUNCTION_SEARCH = "sfgenerate"
EDGE_FUNCTION = "sfSig4RequestToS3"
EDGE_ROLE = "sfSig4RequestToS3Role"
EDGE_REGION = "us-east-1"
#: sfSig4RequestToS3.js signs the request CloudFront sends to S3, so it runs on origin requests.
EDGE_EVENT_TYPE = "origin-request"

# Secrets Manager.
SECRET_NAME = "SalesforceCredentials"
SECRET_PRIVATE_KEY = "CloudFrontPrivateKey"
SECRET_KEY_ID = "CloudFrontAccessKeyID"

# IAM.
STREAMING_POLICY = "invokeSfGenerateAudioRecordingStreamingURLPolicy"
STREAMING_USER_EXAMPLE = "sfInvokeGenerateAudioRecordingStreamingURLIAMUser"

# S3 CORS rule, as the guide prints it.
CORS_ALLOWED_HEADERS = ("Access-Control-Allow-Origin",)
CORS_ALLOWED_METHODS = ("GET",)
VISUALFORCE_PAGE = "AC_RecordingViewer"

# Salesforce side (checked by the Salesforce checks; exposed here for them).
NAMED_CREDENTIAL = "AwsGenerateAudioRecordingURL"
NAMED_CREDENTIAL_SERVICE = "lambda"
CALL_RECORDING_PERMISSION_SET = "AC_CallRecording"

# Contact flow attributes ("Set contact attributes" block).
ATTR_RECORDING_IMPORT = "postcallRecordingImportEnabled"
ATTR_TRANSCRIBE = "postcallTranscribeEnabled"
ATTR_TRANSCRIBE_LANGUAGE = "postcallTranscribeLanguage"
ATTR_ANALYSIS = "postcallTranscribeComprehendAnalysis"
DEFAULT_TRANSCRIBE_LANGUAGE = "en-US"
#: Amazon Comprehend functions by the code the contact attribute uses.
ANALYSIS_CODES = {
    "snt": "Sentiment Analysis",
    "kw": "Keyphrase Extraction",
    "dl": "Language Detection",
    "ne": "Custom Entities",
    "syn": "Syntax Analysis",
}
EXAMPLE_ANALYSIS_VALUE = "snt,dl,kw,syn"
