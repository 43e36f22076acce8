"""SAML 2.0 through allauth (python3-saml, xmlsec): configured, metadata served, the login goes to
the IdP, and back: the test plays the federation's IdP, answering the SP's AuthnRequest with a
response signed by its key (xmlsec), and the known person is logged in; a response signed with
another key, or not signed, is refused."""

import base64
import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.urls import reverse

from traject.accounts.identity_settings import socialaccount_providers
from traject.testing.factories import UniversityFactory, UserFactory

pytestmark = pytest.mark.django_db


IDP = "https://idp.ulb.example/idp"


def _idp_keys():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.ulb.example")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(2)
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return key_pem, cert.public_bytes(serialization.Encoding.PEM).decode()


def _bare(pem: str) -> str:
    return "".join(pem.strip().splitlines()[1:-1])


@pytest.fixture
def saml(settings, client):
    """ULB's IdP with a key the test holds: it can sign a response as the real IdP would."""
    # python3-saml wants a real host name (with a dot) in the request.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "traject.example"]
    client.defaults["HTTP_HOST"] = "traject.example"
    UniversityFactory(code="ulb", name="Université libre de Bruxelles")
    key_pem, cert_pem = _idp_keys()
    settings.SOCIALACCOUNT_PROVIDERS = socialaccount_providers(
        [
            {
                "provider_id": "ulb",
                "name": "ULB (Belnet)",
                "protocol": "saml",
                "organisation": "university:ulb",
                "contact": "support@ulb.example",
                "idp": {
                    "entity_id": IDP,
                    "sso_url": "https://idp.ulb.example/sso",
                    "x509cert": _bare(cert_pem),
                },
            }
        ]
    )
    return key_pem, cert_pem


def test_the_service_provider_metadata_is_served(client, saml):
    response = client.get(reverse("saml_metadata", kwargs={"organization_slug": "ulb"}))
    assert response.status_code == 200
    assert (
        b"EntityDescriptor" in response.content and b"AssertionConsumerService" in response.content
    )


def test_the_login_page_offers_saml_and_sends_the_person_to_the_idp(client, saml):
    page = client.get(reverse("accounts:login"))
    assert "ULB (Belnet)" in page.content.decode()
    assert "https://idp.ulb.example" in page["Content-Security-Policy"]
    start = client.post(reverse("saml_login", kwargs={"organization_slug": "ulb"}))
    assert start.status_code == 302
    assert start["Location"].startswith("https://idp.ulb.example/sso?SAMLRequest=")


def test_a_forged_unsigned_response_is_refused(client, saml):
    UserFactory(email="eve@ulb.example")
    forged = """<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
      xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_1" Version="2.0"
      IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>https://idp.ulb.example/idp</saml:Issuer>
      <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
      <saml:Assertion ID="_2" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">
      <saml:Issuer>https://idp.ulb.example/idp</saml:Issuer>
      <saml:Subject><saml:NameID>eve@ulb.example</saml:NameID></saml:Subject>
      <saml:AttributeStatement><saml:Attribute Name="email"><saml:AttributeValue>eve@ulb.example</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>
      </saml:Assertion></samlp:Response>"""
    response = client.post(
        reverse("saml_acs", kwargs={"organization_slug": "ulb"}),
        {"SAMLResponse": base64.b64encode(forged.encode()).decode()},
        follow=True,
    )
    assert any("/acs/finish/" in url for url, _status in response.redirect_chain)
    assert response.status_code == 401  # allauth's authentication error: not signed
    assert "_auth_user_id" not in client.session


# --- A whole login: the test plays the IdP, signing its response with its own key -----------


def _request_id(location: str) -> str:
    """The ID of the AuthnRequest the SP sent (HTTP-Redirect binding: deflated, base64)."""
    import re
    import urllib.parse
    import zlib

    query = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)
    xml = zlib.decompress(base64.b64decode(query["SAMLRequest"][0]), -15).decode()
    return re.search(r'ID="([^"]+)"', xml).group(1)


def _signed_response(key_pem, cert_pem, *, in_response_to, email, uid="ulb-42", verified=True):
    from onelogin.saml2.constants import OneLogin_Saml2_Constants
    from onelogin.saml2.utils import OneLogin_Saml2_Utils

    now = datetime.datetime.now(datetime.UTC)
    stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    acs = "http://traject.example" + reverse("saml_acs", kwargs={"organization_slug": "ulb"})
    audience = "http://traject.example" + reverse(
        "saml_metadata", kwargs={"organization_slug": "ulb"}
    )
    later = stamp(now + datetime.timedelta(minutes=5))
    verified_attribute = (
        '<saml:Attribute Name="http://schemas.auth0.com/email_verified">'
        "<saml:AttributeValue>true</saml:AttributeValue></saml:Attribute>"
        if verified
        else ""
    )
    xml = f"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
 xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r{uid}" Version="2.0"
 IssueInstant="{stamp(now)}" Destination="{acs}" InResponseTo="{in_response_to}">
<saml:Issuer>{IDP}</saml:Issuer>
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
<saml:Assertion ID="_a{uid}" Version="2.0" IssueInstant="{stamp(now)}">
<saml:Issuer>{IDP}</saml:Issuer>
<saml:Subject>
<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">{uid}</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
<saml:SubjectConfirmationData NotOnOrAfter="{later}" Recipient="{acs}" InResponseTo="{in_response_to}"/>
</saml:SubjectConfirmation></saml:Subject>
<saml:Conditions NotBefore="{stamp(now - datetime.timedelta(minutes=1))}" NotOnOrAfter="{later}">
<saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction>
</saml:Conditions>
<saml:AuthnStatement AuthnInstant="{stamp(now)}" SessionIndex="_s{uid}">
<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>
</saml:AuthnStatement>
<saml:AttributeStatement>
<saml:Attribute Name="urn:oid:0.9.2342.19200300.100.1.3"><saml:AttributeValue>{email}</saml:AttributeValue></saml:Attribute>
{verified_attribute}
</saml:AttributeStatement>
</saml:Assertion></samlp:Response>"""
    signed = OneLogin_Saml2_Utils.add_sign(
        xml,
        key_pem,
        cert_pem,
        sign_algorithm=OneLogin_Saml2_Constants.RSA_SHA256,
        digest_algorithm=OneLogin_Saml2_Constants.SHA256,
    )
    return base64.b64encode(signed if isinstance(signed, bytes) else signed.encode()).decode()


def _saml_login(client, key_pem, cert_pem, email, verified=True):
    start = client.post(reverse("saml_login", kwargs={"organization_slug": "ulb"}))
    assert start.status_code == 302
    response = _signed_response(
        key_pem,
        cert_pem,
        in_response_to=_request_id(start["Location"]),
        email=email,
        verified=verified,
    )
    return client.post(
        reverse("saml_acs", kwargs={"organization_slug": "ulb"}),
        {"SAMLResponse": response},
        follow=True,
    )


def test_a_known_person_logs_in_through_the_federation_with_a_signed_response(client, saml):
    key_pem, cert_pem = saml
    user = UserFactory(email="lea@ulb.example")
    page = _saml_login(client, key_pem, cert_pem, "Lea@ULB.example")
    assert page.status_code == 200, page.content.decode()[:2000]
    assert client.session.get("_auth_user_id") == str(user.pk)
    assert user.socialaccount_set.get(provider="ulb").uid == "ulb-42"


def test_a_response_signed_with_another_key_is_refused(client, saml):
    _key_pem, cert_pem = saml
    UserFactory(email="lea@ulb.example")
    other_key, other_cert = _idp_keys()
    page = _saml_login(client, other_key, other_cert, "lea@ulb.example")
    assert page.status_code == 401
    assert "_auth_user_id" not in client.session


def test_a_federation_that_sends_no_verification_is_trusted_for_its_own_domains_only(
    client, saml, settings
):
    """Academic federations send the address, not whether it is verified: the provider's
    ``verified_email`` (allauth) lists the institution's own domains, and only those match."""
    key_pem, cert_pem = saml
    apps = settings.SOCIALACCOUNT_PROVIDERS["saml"]["APPS"]
    apps[0]["settings"]["verified_email"] = ["ulb.example"]
    outsider = UserFactory(email="lea@gmail.example")
    refused = _saml_login(client, key_pem, cert_pem, "lea@gmail.example", verified=False)
    assert refused.status_code == 403 and "_auth_user_id" not in client.session
    assert not outsider.socialaccount_set.exists()
    user = UserFactory(email="lea@ulb.example")
    page = _saml_login(client, key_pem, cert_pem, "lea@ulb.example", verified=False)
    assert page.status_code == 200
    assert client.session.get("_auth_user_id") == str(user.pk)
