"""A configured Amazon Connect AWS side on a local AWS emulator, for demo mode and the tests.

`LocalAws` runs ``moto_server`` (from the optional ``moto[server]`` package) on 127.0.0.1 and
`seed_configured_account` writes, through the real AWS APIs, everything the guide asks for: the
Salesforce Lambdas stack with its parameters, functions and invoke policy, the
``SalesforceCredentials`` secret, a CloudFront public key in a key group, the recordings bucket's
CORS rule, the distribution, ``sfSig4RequestToS3`` in us-east-1 with its role, and the streaming
IAM user with one access key. The wizard's checks then pass against it, and each test can break
one thing.

moto's gap: its CloudFront keeps no Lambda@Edge associations (``LambdaFunctionAssociations``
always reads back empty). `EdgeBridge` answers that one call, get_distribution_config, through
botocore's Stubber with moto's own reply plus the associations moto dropped; every other call goes
to moto unchanged. The emulator speaks plain http on loopback only; nothing here turns TLS off.
"""

from __future__ import annotations

import io
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from dataclasses import dataclass, field
from typing import Any

from botocore.stub import Stubber
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from wizard.providers.aws import cors, names
from wizard.providers.aws.access import AwsAccess
from wizard.providers.aws.credential_sources import DEMO_SOURCE
from wizard.providers.aws.pem import flatten_private_key

DEMO_STACK = "serverlessrepo-AmazonConnectSalesforceLambda"
DEMO_BUCKET = "amazon-connect-demo-recordings"
#: Values of the other keys of the demo secret; tests search every output for them.
DEMO_SECRET_VALUES = {"Password": "demo-password-Zq8", "ConsumerKey": "demo-consumer-key-Hk2", "ConsumerSecret": "demo-consumer-secret-Wm5", "AccessToken": "demo-token-Pv7"}


class LocalAws:
    """``moto_server`` on a free loopback port, started and stopped by its owner."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 15.0) -> LocalAws:
        command = shutil.which("moto_server")
        argv = [command] if command else [sys.executable, "-m", "moto.server"]
        for _attempt in range(3):  # a free port can be taken between probing and binding
            self.port = _free_port(self.host)
            self._process = subprocess.Popen([*argv, "-H", self.host, "-p", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and self._process.poll() is None:
                try:
                    urllib.request.urlopen(f"{self.url}/moto-api/", timeout=1).close()
                    return self
                except OSError:
                    time.sleep(0.1)
            self.stop()
        raise RuntimeError("the local AWS emulator (moto_server) did not start; is moto[server] installed?")

    def reset(self) -> None:
        """Forget every resource (moto's own reset endpoint)."""
        request = urllib.request.Request(f"{self.url}/moto-api/reset", method="POST")
        urllib.request.urlopen(request, timeout=10).close()

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def access(self, region: str = "us-west-2") -> AwsAccess:
        """An access with throwaway keys (the emulator accepts any) pointed at this emulator."""
        import boto3

        session = boto3.Session(aws_access_key_id="demo", aws_secret_access_key="demo", region_name=region)
        return AwsAccess(session, region=region, endpoints={"*": self.url}, source=DEMO_SOURCE)

    def __enter__(self) -> LocalAws:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def _free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class EdgeBridge:
    """Answers get_distribution_config with moto's reply plus the edge associations moto dropped."""

    def __init__(self, access: AwsAccess) -> None:
        self.access = access
        #: distribution id -> LambdaFunctionAssociations items, as CloudFront would return them
        self.associations: dict[str, list[dict[str, Any]]] = {}
        endpoint = access.endpoints.get("cloudfront") or access.endpoints.get("*")
        self._client = access.session.client("cloudfront", region_name="us-east-1", endpoint_url=endpoint)
        self._stubber = Stubber(self._client)
        self._stubber.activate()
        self._lock = threading.Lock()
        access.route("cloudfront", "get_distribution_config", self._provide)

    def _provide(self, params: dict[str, Any]) -> Any:
        with self._lock:
            reply = self.access.client("cloudfront").get_distribution_config(**params)
            reply.pop("ResponseMetadata", None)
            items = self.associations.get(params.get("Id", ""), [])
            reply["DistributionConfig"]["DefaultCacheBehavior"]["LambdaFunctionAssociations"] = {"Quantity": len(items), "Items": items} if items else {"Quantity": 0}
            self._stubber.add_response("get_distribution_config", reply, expected_params=params)
            return self._client


@dataclass
class DemoAccount:
    """What the seeding created, for tests that break one part."""

    region: str
    stack_name: str
    bucket: str
    secret_arn: str
    public_key_id: str
    key_group_id: str
    distribution_id: str
    edge_function_arn: str
    user_name: str
    org_origins: tuple[str, ...]
    private_key_pem: str = field(repr=False)
    bridge: EdgeBridge = field(repr=False)


def _zip(source: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.js", source)
    return buffer.getvalue()


#: The full name the demo gives the streaming-URL Lambda; the demo org's
#: AwsGenerateAudioRecordingURL named credential (scenario amazon-connect-configured) names it.
DEMO_GENERATE_FUNCTION = "AmazonConnectSfLambdas-sfGenerateAudioRecordingStreaming-DEMO01"


def _template(region: str) -> str:
    role = {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}]}}}

    def function(handler: str, timeout: int, name: str | None = None) -> dict[str, Any]:
        properties = {"Handler": f"{handler}.lambda_handler", "Runtime": "python3.12", "Timeout": timeout,
                      "Role": {"Fn::GetAtt": ["sfLambdaBasicExec", "Arn"]}, "Code": {"ZipFile": "def lambda_handler(e, c): pass"}}
        if name:
            properties["FunctionName"] = name
        return {"Type": "AWS::Lambda::Function", "Properties": properties}

    parameters = {p: {"Type": "String", "Default": ""} for p in (
        names.PARAM_RECORDING_IMPORT, names.PARAM_TRANSCRIBE, names.PARAM_RECORDING_BUCKET, names.PARAM_TRANSCRIBE_BUCKET, names.PARAM_SECRET_ARN)}
    return json.dumps({
        "Parameters": parameters,
        "Resources": {
            "sfLambdaBasicExec": role,
            "sfCTRTrigger": function("sfCTRTrigger", names.CTR_TRIGGER_DEFAULT_TIMEOUT),
            # A fixed full name, so the demo org's named credential can name it (see DEMO_GENERATE_FUNCTION).
            "sfGenerateAudioRecordingStreamingURL": function("sfGenerateAudioRecordingStreamingURL", 6, DEMO_GENERATE_FUNCTION),
            names.STREAMING_POLICY: {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["lambda:InvokeFunction"], "Resource": f"arn:aws:lambda:{region}:*:function:*"}]}}},
        },
    })


def seed_configured_account(access: AwsAccess, org_origins: tuple[str, ...], *, private_key: rsa.RSAPrivateKey | None = None) -> DemoAccount:
    """Create a fully configured AWS side of the guide through the AWS APIs."""
    region = access.region
    key = private_key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    call = access.call
    public_key_id = call("cloudfront", "create_public_key", PublicKeyConfig={"CallerReference": "eci-demo", "Name": "eci-recordings", "EncodedKey": public})["PublicKey"]["Id"]
    key_group_id = call("cloudfront", "create_key_group", KeyGroupConfig={"Name": "eci-recordings", "Items": [public_key_id]})["KeyGroup"]["Id"]
    secret = {**DEMO_SECRET_VALUES, names.SECRET_PRIVATE_KEY: flatten_private_key(pem), names.SECRET_KEY_ID: public_key_id}
    secret_arn = call("secretsmanager", "create_secret", Name=names.SECRET_NAME, SecretString=json.dumps(secret))["ARN"]
    bucket_config = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    call("s3", "create_bucket", Bucket=DEMO_BUCKET, **bucket_config)
    call("s3", "put_bucket_cors", Bucket=DEMO_BUCKET, CORSConfiguration={"CORSRules": [cors.guide_rule(org_origins)]})
    parameters = {names.PARAM_RECORDING_IMPORT: "true", names.PARAM_TRANSCRIBE: "true", names.PARAM_RECORDING_BUCKET: DEMO_BUCKET,
                  names.PARAM_TRANSCRIBE_BUCKET: DEMO_BUCKET, names.PARAM_SECRET_ARN: secret_arn}
    call("cloudformation", "create_stack", StackName=DEMO_STACK, TemplateBody=_template(region), Capabilities=["CAPABILITY_IAM"],
         Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()])
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com", "edgelambda.amazonaws.com"]}, "Action": "sts:AssumeRole"}]}
    role_arn = call("iam", "create_role", RoleName=names.EDGE_ROLE, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    call("lambda", "create_function", region=names.EDGE_REGION, FunctionName=names.EDGE_FUNCTION, Runtime="nodejs20.x", Role=role_arn,
         Handler="index.handler", Code={"ZipFile": _zip("exports.handler = async (event) => event.Records[0].cf.request;")})
    published = call("lambda", "publish_version", region=names.EDGE_REGION, FunctionName=names.EDGE_FUNCTION)
    edge_arn = published["FunctionArn"]
    if not edge_arn.endswith(f":{published['Version']}"):
        edge_arn = f"{edge_arn}:{published['Version']}"
    association = {"LambdaFunctionARN": edge_arn, "EventType": names.EDGE_EVENT_TYPE, "IncludeBody": False}
    distribution_id = call("cloudfront", "create_distribution", DistributionConfig={
        "CallerReference": "eci-demo", "Comment": "Audio recording streaming", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{"Id": "AudioRecordingStreamingCloudFrontOrigin", "DomainName": f"{DEMO_BUCKET}.s3.{region}.amazonaws.com",
                                              "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "AudioRecordingStreamingCloudFrontOrigin", "ViewerProtocolPolicy": "redirect-to-https",
                                 "TrustedKeyGroups": {"Enabled": True, "Quantity": 1, "Items": [key_group_id]},
                                 "LambdaFunctionAssociations": {"Quantity": 1, "Items": [association]},
                                 "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}}, "MinTTL": 0},
    })["Distribution"]["Id"]
    bridge = EdgeBridge(access)
    bridge.associations[distribution_id] = [association]
    policy_arn = next(p["Arn"] for p in call("iam", "list_policies", Scope="Local")["Policies"] if names.STREAMING_POLICY in p["PolicyName"])
    call("iam", "create_user", UserName=names.STREAMING_USER_EXAMPLE)
    call("iam", "attach_user_policy", UserName=names.STREAMING_USER_EXAMPLE, PolicyArn=policy_arn)
    call("iam", "create_access_key", UserName=names.STREAMING_USER_EXAMPLE)
    return DemoAccount(region, DEMO_STACK, DEMO_BUCKET, secret_arn, public_key_id, key_group_id, distribution_id, edge_arn,
                       names.STREAMING_USER_EXAMPLE, tuple(org_origins), pem, bridge)
