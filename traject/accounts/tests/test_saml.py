"""SAML 2.0 through allauth (python3-saml, xmlsec): configured, metadata served, the login goes to
the IdP, a forged response is refused. (No SAML IdP is run in the tests; see docs/identity.md.)"""

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


def _certificate() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.example")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    return "".join(pem.splitlines()[1:-1])


@pytest.fixture
def saml(settings, client):
    # python3-saml wants a real host name (with a dot) in the request.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "traject.example"]
    client.defaults["HTTP_HOST"] = "traject.example"
    UniversityFactory(code="ulb", name="Université libre de Bruxelles")
    settings.SOCIALACCOUNT_PROVIDERS = socialaccount_providers(
        [
            {
                "provider_id": "ulb",
                "name": "ULB (Belnet)",
                "protocol": "saml",
                "organisation": "university:ulb",
                "contact": "support@ulb.example",
                "idp": {
                    "entity_id": "https://idp.ulb.example/idp",
                    "sso_url": "https://idp.ulb.example/sso",
                    "x509cert": _certificate(),
                },
            }
        ]
    )


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
