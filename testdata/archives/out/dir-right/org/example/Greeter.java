package org.example;

public class Greeter {
  String greet() {
    return "hello, world";
  }
}
