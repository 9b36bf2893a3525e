untrusted comment: verify with signify.pub
RWQ9PZjtG6/1gl9/SX2QRgkbx/pxtOeEHmXotpc3z8vYwmZ25aYclctxcQ5YR+uCHWmjhZI+j+B8egIGqq1DD8l3CK/9kiXKDwo=
signify fixture message
