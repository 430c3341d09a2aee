int main(void) {
    return undeclared_on_purpose;
}
